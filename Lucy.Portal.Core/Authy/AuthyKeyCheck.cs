using Lucy.Portal.Core.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Lucy.Portal.Core.Resources;

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
            return new AuthyKeyCheckResult(AuthyKeyCheckStatus.InvalidKey, Message: ProviderStrings.Authy_KeyMissing);
        }

        await breaker.LetNextCallThroughAsync(ct);
        var result = await probe.GetDetailsAsync(apiKey.Trim(), ct);
        return result switch
        {
            { Status: AuthyStatus.Ok, Value: { } app } => new AuthyKeyCheckResult(
                AuthyKeyCheckStatus.Valid, app.Name, app.SmsEnabled, app.VoiceEnabled, app.OneTouchEnabled, ProviderStrings.Authy_KeyAccepted(app.Name)),
            { Status: AuthyStatus.InvalidKey } => new AuthyKeyCheckResult(AuthyKeyCheckStatus.InvalidKey, Message: ProviderStrings.Authy_KeyRefused),
            _ => new AuthyKeyCheckResult(AuthyKeyCheckStatus.Unavailable, Message: result.Message),
        };
    }
}
