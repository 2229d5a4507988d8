using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.Resources;
namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Checks a code from the Authy app, an SMS or a call. Valid only on HTTP 200 with token "is valid". Without an
/// `action`, like the sends: the prompt cannot tell an app code from an SMS code (docs/authy-contract.md).
/// Never retried (AuthyRepeatSafety): once the request may have reached Authy the code may be used up, and a
/// repeat would be refused as reused (60019); a lost answer is reported as Authy being unavailable instead.
/// </summary>
public sealed class AuthyTokenVerifier(IAuthyApi api, OutboundCallRunner<AuthyResult> runner)
{
    public async Task<AuthyResult> VerifyAsync(string authyId, string token, CancellationToken ct = default)
    {
        token = token?.Trim() ?? string.Empty;
        if (!AuthyInput.IsToken(token))
        {
            // A malformed code is just a wrong code: no need to ask Authy (or to spend a request on it).
            return new AuthyResult(AuthyStatus.TokenInvalid, AuthyMessages.TokenInvalid);
        }

        if (!AuthyInput.IsAuthyId(authyId))
        {
            return new AuthyResult(AuthyStatus.UserNotFound, AuthyMessages.UserNotFound);
        }

        return await runner.CallAsync(
            "verify",
            c => api.VerifyTokenAsync(token, authyId, c),
            body => string.Equals(body.Token, "is valid", StringComparison.Ordinal)
                ? AuthyResult.Ok(true, TwoFactorStrings.Code_Accepted)
                // A 200 that does not say "is valid" is not a success, whatever `success` claims.
                : new AuthyResult<bool>(AuthyStatus.TokenInvalid, AuthyMessages.TokenInvalid, false) { HttpStatus = 200 },
            ct);
    }
}
