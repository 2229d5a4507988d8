using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Microsoft.Extensions.DependencyInjection;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// The selected 2FA provider's health from what the portal already knows: the cached settings (is a key configured)
/// and what its circuit breaker saw on real calls. Never calls the provider, so a health probe costs nothing outside.
/// </summary>
public sealed class ProviderHealth(
    AdvancedSettingsCache settings,
    [FromKeyedServices(AuthyOptions.PipelineName)] OutboundBreaker authy,
    [FromKeyedServices(TwilioVerifyOptions.PipelineName)] OutboundBreaker twilioVerify,
    TimeProvider time)
{
    public async Task<ProviderHealthReport> ReadAsync(CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        var (configured, breaker) = current.TwoFactorProvider switch
        {
            TwoFactorProviderKind.Authy => (current.HasAuthyApiKey, authy.Snapshot),
            TwoFactorProviderKind.TwilioVerify => (current.HasTwilioVerifyCredentials, twilioVerify.Snapshot),
            _ => (true, OutboundBreakerSnapshot.Closed),
        };
        // Polly half-opens lazily, on the next call: once the break is over, the next call is let through.
        var state = breaker is { State: OutboundBreakerState.Open, OpenUntil: { } until } && until <= time.GetUtcNow()
            ? OutboundBreakerState.HalfOpen
            : breaker.State;
        return new ProviderHealthReport(current.TwoFactorProvider, configured, state, breaker.LastFailure);
    }
}

/// <summary>
/// The selected provider: whether it is configured (the built-in authenticator needs nothing), its breaker and the last
/// failure its calls met (null when none since the portal started).
/// </summary>
public sealed record ProviderHealthReport(
    TwoFactorProviderKind Provider, bool Configured, OutboundBreakerState Breaker, OutboundFailure? LastFailure)
{
    public bool SendsOutside => Provider != TwoFactorProviderKind.BuiltInAuthenticator;

    public string ProviderName => Provider switch
    {
        TwoFactorProviderKind.Authy => "Authy",
        TwoFactorProviderKind.TwilioVerify => "Twilio Verify",
        _ => DashboardStrings.Provider_BuiltIn,
    };

    public string BreakerName => Breaker switch
    {
        OutboundBreakerState.Open => DashboardStrings.Breaker_Open,
        OutboundBreakerState.HalfOpen => DashboardStrings.Breaker_HalfOpen,
        _ => DashboardStrings.Breaker_Closed,
    };
}
