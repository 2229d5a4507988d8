using Lucy.Portal.Core.Sessions;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Lucy.Portal.Sessions;

/// <summary>
/// What the user did on a live page (clicks, typing, navigation) since the session was last checked. A circuit makes no
/// HTTP requests, so without this a user working on one page for half an hour would hit the idle timeout.
/// </summary>
internal sealed class CircuitActivity
{
    private readonly Lock gate = new();
    private DateTimeOffset? first;
    private DateTimeOffset last;

    public void Record(DateTimeOffset moment)
    {
        lock (gate)
        {
            first ??= moment;
            last = moment;
        }
    }

    /// <summary>The activity since the previous call, or null when there was none.</summary>
    public SessionActivity? TakeSinceLastCheck()
    {
        lock (gate)
        {
            if (first is not { } since)
            {
                return null;
            }
            first = null;
            return new SessionActivity(since, last);
        }
    }
}

/// <summary>Records every inbound event of the circuit as activity of its session.</summary>
internal sealed class CircuitActivityHandler(CircuitActivity activity, TimeProvider time) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            activity.Record(time.GetUtcNow());
            return next(context);
        };
}
