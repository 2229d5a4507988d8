namespace Lucy.Portal.Core.Data;

/// <summary>
/// Clean-ups that ride along with ordinary requests, at most once per interval in each process, instead of a background
/// job to forget: a sign-in should not pay for deleting everyone's expired rows every time it opens one.
/// </summary>
public sealed class Housekeeping(TimeProvider time)
{
    /// <summary>How often each process clears what nobody can use any more; every read ignores such rows meanwhile.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastRun = new(StringComparer.Ordinal);

    /// <summary>True for the one caller that should run <paramref name="chore"/> now; false while it ran less than <paramref name="interval"/> ago.</summary>
    public bool TakeTurn(string chore, TimeSpan interval)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_lastRun.TryGetValue(chore, out var last) && now - last < interval)
            {
                return false;
            }
            _lastRun[chore] = now;
            return true;
        }
    }
}
