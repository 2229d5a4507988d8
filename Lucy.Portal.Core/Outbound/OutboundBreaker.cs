using Polly.CircuitBreaker;

namespace Lucy.Portal.Core.Outbound;

/// <summary>
/// The circuit breaker of one outside service, as a handle for the one caller allowed past it: an administrator who
/// deliberately saves credentials. An open breaker answers without sending anything, so "could not be reached" would
/// be untrue; the deliberate check closes it first and really asks the service (a failure opens it again as usual).
/// It also remembers what the pipeline saw (state, last failure), so health reports never have to call the service.
/// Registered once per service, keyed by its pipeline name.
/// </summary>
public sealed class OutboundBreaker(TimeProvider time)
{
    private OutboundBreakerSnapshot snapshot = OutboundBreakerSnapshot.Closed;

    internal CircuitBreakerManualControl Control { get; } = new();

    /// <summary>What the breaker last reported; an open breaker whose break has ended lets the next call test the service.</summary>
    public OutboundBreakerSnapshot Snapshot => Volatile.Read(ref snapshot);

    /// <summary>Closes the breaker, so the next call is sent even right after an outage.</summary>
    public Task LetNextCallThroughAsync(CancellationToken ct = default) => Control.CloseAsync(ct);

    internal void Opened(TimeSpan breakDuration) =>
        Update(s => s with { State = OutboundBreakerState.Open, OpenUntil = time.GetUtcNow() + breakDuration });

    internal void HalfOpened() => Update(s => s with { State = OutboundBreakerState.HalfOpen, OpenUntil = null });

    internal void Closed() => Update(s => s with { State = OutboundBreakerState.Closed, OpenUntil = null });

    /// <summary>An attempt the breaker counts as a failure (5xx, 408, 429, timeout, no connection).</summary>
    internal void Failed(string description) =>
        Update(s => s with { LastFailure = new OutboundFailure(time.GetUtcNow(), description) });

    private void Update(Func<OutboundBreakerSnapshot, OutboundBreakerSnapshot> change)
    {
        OutboundBreakerSnapshot seen, next;
        do
        {
            seen = Volatile.Read(ref snapshot);
            next = change(seen);
        }
        while (!ReferenceEquals(Interlocked.CompareExchange(ref snapshot, next, seen), seen));
    }
}

/// <summary>The breaker's state as the pipeline last reported it, and the last failure it counted.</summary>
public sealed record OutboundBreakerSnapshot(OutboundBreakerState State, DateTimeOffset? OpenUntil, OutboundFailure? LastFailure)
{
    public static OutboundBreakerSnapshot Closed { get; } = new(OutboundBreakerState.Closed, null, null);
}

public enum OutboundBreakerState
{
    Closed = 0,
    Open = 1,
    /// <summary>The break has ended; the next call tests the service.</summary>
    HalfOpen = 2,
}

/// <summary>One failed attempt: when, and what kind (an HTTP status or "timeout"; never a URL, body or key).</summary>
public sealed record OutboundFailure(DateTimeOffset At, string Description);
