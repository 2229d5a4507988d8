using System.Collections.Concurrent;

namespace Lucy.Portal.Core.Authy.Callbacks;

/// <summary>
/// Remembers recently accepted callback nonces so a captured callback cannot be replayed inside the freshness
/// window. In memory: with several instances a replay could land on another one, but it still has to be fresh.
/// </summary>
public sealed class AuthyCallbackNonceLedger
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time a nonce+signature is seen; false for a replay.</summary>
    public bool TryRecord(string nonce, string signature, DateTimeOffset now, TimeSpan window)
    {
        Prune(now - window);
        return _seen.TryAdd($"{nonce}|{signature}", now);
    }

    private void Prune(DateTimeOffset olderThan)
    {
        foreach (var (key, seenAt) in _seen)
        {
            if (seenAt < olderThan)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
