using Lucy.Portal.Core.Outbound;
namespace Lucy.Portal.Core.Authy;

/// <summary>The Authy application behind a key and what it may do.</summary>
public sealed record AuthyAppDetails(string Name, string? Plan, bool SmsEnabled, bool VoiceEnabled, bool OneTouchEnabled);

/// <summary>Reads the application details: the cheap health and configuration probe (retried, it is a read).</summary>
public sealed class AuthyApplicationProbe(IAuthyApi api, OutboundCallRunner<AuthyResult> runner)
{
    public Task<AuthyResult<AuthyAppDetails>> GetDetailsAsync(CancellationToken ct = default) => GetDetailsAsync(null, ct);

    /// <param name="candidateKey">A key to try instead of the stored one; it still travels only in the header.</param>
    internal Task<AuthyResult<AuthyAppDetails>> GetDetailsAsync(string? candidateKey, CancellationToken ct) =>
        runner.CallAsync(
            "app-details",
            c => api.GetAppDetailsAsync(candidateKey, c),
            body => body.App is { } app
                ? AuthyResult.Ok(
                    new AuthyAppDetails(app.Name ?? string.Empty, app.Plan, app.SmsEnabled == true, app.PhoneCallsEnabled == true, app.OneTouchEnabled == true),
                    "Authy application found.")
                : AuthyResult.UnreadableAnswer.As<AuthyAppDetails>(),
            ct);
}
