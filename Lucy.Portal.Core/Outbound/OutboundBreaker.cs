using Polly.CircuitBreaker;

namespace Lucy.Portal.Core.Outbound;

/// <summary>
/// The circuit breaker of one outside service, as a handle for the one caller allowed past it: an administrator who
/// deliberately saves credentials. An open breaker answers without sending anything, so "could not be reached" would
/// be untrue; the deliberate check closes it first and really asks the service (a failure opens it again as usual).
/// Registered once per service, keyed by its pipeline name.
/// </summary>
public sealed class OutboundBreaker
{
    internal CircuitBreakerManualControl Control { get; } = new();

    /// <summary>Closes the breaker, so the next call is sent even right after an outage.</summary>
    public Task LetNextCallThroughAsync(CancellationToken ct = default) => Control.CloseAsync(ct);
}
