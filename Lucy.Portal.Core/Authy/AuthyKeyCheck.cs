using Lucy.Portal.Core.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Tries a candidate key against app details before an administrator saves it. A deliberate action: it is sent even
/// while the breaker is open after an outage, so its answer is Authy's own.
/// </summary>
public sealed class AuthyKeyCheck(
    AuthyApplicationProbe probe, [FromKeyedServices(AuthyOptions.PipelineName)] OutboundBreaker breaker) : IAuthyKeyCheck
{
    public async Task<AuthyKeyCheckResult> CheckAsync(string apiKey, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return new AuthyKeyCheckResult(AuthyKeyCheckStatus.InvalidKey, Message: "Enter an Authy API key.");
        }

        await breaker.LetNextCallThroughAsync(ct);
        var result = await probe.GetDetailsAsync(apiKey.Trim(), ct);
        return result switch
        {
            { Status: AuthyStatus.Ok, Value: { } app } => new AuthyKeyCheckResult(
                AuthyKeyCheckStatus.Valid, app.Name, app.SmsEnabled, app.VoiceEnabled, app.OneTouchEnabled, $"Authy accepted the key for \"{app.Name}\"."),
            { Status: AuthyStatus.InvalidKey } => new AuthyKeyCheckResult(AuthyKeyCheckStatus.InvalidKey, Message: "Authy refused this API key."),
            _ => new AuthyKeyCheckResult(AuthyKeyCheckStatus.Unavailable, Message: result.Message),
        };
    }
}
