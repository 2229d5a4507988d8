namespace Lucy.Portal.Core.Authy;

/// <summary>Checks a code from the Authy app, an SMS or a call. Valid only on HTTP 200 with token "is valid".</summary>
public sealed class AuthyTokenVerifier(IAuthyApi api, AuthyCallRunner runner)
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

        return await runner.RunAsync(
            "verify",
            c => api.VerifyTokenAsync(token, authyId, c),
            body => string.Equals(body.Token, "is valid", StringComparison.Ordinal)
                ? AuthyResult.Ok(true, "Code accepted.")
                // A 200 that does not say "is valid" is not a success, whatever `success` claims.
                : new AuthyResult<bool>(AuthyStatus.TokenInvalid, AuthyMessages.TokenInvalid, false) { HttpStatus = 200 },
            ct);
    }
}
