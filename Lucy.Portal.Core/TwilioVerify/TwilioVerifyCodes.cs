using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Outbound;
namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// Sends and checks one-time codes through Verify, for the login prompt and the enrollment wizard. Each send and each
/// check is attempted at most once: Verify allows 5 of each per verification, and a blind repeat would spend them.
/// Credentials (and the Service) are read once per call from the settings; with none, no request is made.
/// </summary>
public sealed class TwilioVerifyCodes(ITwilioVerifyApi api, OutboundCallRunner<TwilioVerifyResult> runner, ITwilioVerifyCredentialSource source)
{
    /// <summary>Texts or calls a code to an E.164 number. Within 10 minutes Verify re-sends the same code. Value: the VE… sid.</summary>
    public async Task<TwilioVerifyResult<string>> SendAsync(
        string e164, CodeChannel channel, string? locale = null, CancellationToken ct = default)
    {
        var to = e164?.Trim();
        if (!TwilioVerifyInput.IsE164(to))
        {
            return new TwilioVerifyResult(TwilioVerifyStatus.InvalidPhone, TwilioVerifyMessages.InvalidPhone).As<string>();
        }

        if (await source.GetCredentialsAsync(ct) is not { } credentials)
        {
            return new TwilioVerifyResult(TwilioVerifyStatus.NotConfigured, TwilioVerifyMessages.NotConfigured).As<string>();
        }

        var form = new Dictionary<string, string>
        {
            ["To"] = to!,
            ["Channel"] = channel == CodeChannel.Call ? "call" : "sms",
        };
        if (TwilioVerifyInput.IsLocale(locale))
        {
            form["Locale"] = locale!;
        }

        return await runner.CallAsync(
            channel == CodeChannel.Call ? "send-call" : "send-sms",
            c => api.StartVerificationAsync(credentials.ServiceSid, form, credentials, c),
            (body, status) => body.Sid is { Length: > 0 } sid && string.Equals(body.Status, "pending", StringComparison.Ordinal)
                ? TwilioVerifyResult.Success(TwilioVerifyStatus.Sent, sid, TwilioVerifyMessages.Sent(channel), status)
                : TwilioVerifyResult.UnreadableAnswer(status).As<string>(),
            ct);
    }

    /// <summary>Checks a code for an E.164 number: Approved only on status "approved" with valid true.</summary>
    public async Task<TwilioVerifyResult> CheckAsync(string e164, string code, CancellationToken ct = default)
    {
        var to = e164?.Trim();
        code = code?.Trim() ?? string.Empty;
        if (!TwilioVerifyInput.IsCode(code))
        {
            // A malformed code is just a wrong code: asking Verify would burn one of its 5 checks.
            return new TwilioVerifyResult(TwilioVerifyStatus.WrongCode, TwilioVerifyMessages.WrongCode);
        }

        if (!TwilioVerifyInput.IsE164(to))
        {
            return new TwilioVerifyResult(TwilioVerifyStatus.InvalidPhone, TwilioVerifyMessages.InvalidPhone);
        }

        if (await source.GetCredentialsAsync(ct) is not { } credentials)
        {
            return new TwilioVerifyResult(TwilioVerifyStatus.NotConfigured, TwilioVerifyMessages.NotConfigured);
        }

        var form = new Dictionary<string, string> { ["To"] = to!, ["Code"] = code };
        return await runner.CallAsync(
            "check",
            c => api.CheckVerificationAsync(credentials.ServiceSid, form, credentials, c),
            (body, status) => body switch
            {
                { Status: "approved", Valid: true } => TwilioVerifyResult.Success(TwilioVerifyStatus.Approved, true, TwilioVerifyMessages.Approved, status),
                { Status: { Length: > 0 } } => new TwilioVerifyResult<bool>(TwilioVerifyStatus.WrongCode, TwilioVerifyMessages.WrongCode, false) { HttpStatus = status },
                _ => TwilioVerifyResult.UnreadableAnswer(status).As<bool>(),
            },
            ct);
    }
}
