using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.Authy.Contract;
using Refit;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Authy;

/// <summary>Options of a sent code: the language of the SMS or call (Authy falls back to English).</summary>
public sealed record AuthyCodeRequestOptions(string? Locale = null);

/// <summary>
/// Asks Authy to text or call a code, always with force=true. Sent at most once per call: these requests are
/// never retried because a repeat bills again and texts the user twice.
/// Never with an `action`: Authy binds a code sent with an action to that action, and AuthyTokenVerifier checks
/// without one, because the prompt has a single field for app codes and SMS/call codes alike and the user may type
/// either (docs/authy-contract.md, "Action binding").
/// </summary>
public sealed class AuthyCodeSender(IAuthyApi api, OutboundCallRunner<AuthyResult> runner)
{
    public Task<AuthyResult> SendSmsAsync(string authyId, AuthyCodeRequestOptions? options = null, CancellationToken ct = default) =>
        SendAsync("sms", authyId, options, api.RequestSmsAsync, "SMS", ct);

    public Task<AuthyResult> StartCallAsync(string authyId, AuthyCodeRequestOptions? options = null, CancellationToken ct = default) =>
        SendAsync("call", authyId, options, api.RequestCallAsync, "call", ct);

    private async Task<AuthyResult> SendAsync(
        string operation,
        string authyId,
        AuthyCodeRequestOptions? options,
        Func<string, string?, CancellationToken, Task<IApiResponse<AuthySendCodeResponse>>> send,
        string channel,
        CancellationToken ct)
    {
        if (!AuthyInput.IsAuthyId(authyId))
        {
            return new AuthyResult(AuthyStatus.UserNotFound, AuthyMessages.UserNotFound);
        }

        return await runner.CallAsync(
            operation,
            c => send(authyId, options?.Locale, c),
            body => body.Ignored == true
                ? new AuthyResult<string>(AuthyStatus.Ignored, AuthyMessages.Ignored, null) { HttpStatus = 200 }
                : AuthyResult.Ok(body.Cellphone ?? string.Empty, SentMessage(channel, body.Cellphone)),
            ct);
    }

    private static string SentMessage(string channel, string? maskedPhone) =>
        channel == "SMS"
            ? maskedPhone is { Length: > 0 } ? TwoFactorStrings.Code_SentBySms(maskedPhone) : TwoFactorStrings.Code_SentBySmsNoNumber
            : maskedPhone is { Length: > 0 } ? TwoFactorStrings.Code_CallingWithCode(maskedPhone) : TwoFactorStrings.Code_CallingNoNumber;
}
