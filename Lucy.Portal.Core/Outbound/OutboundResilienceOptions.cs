using System.ComponentModel.DataAnnotations;

namespace Lucy.Portal.Core.Outbound;

/// <summary>Where an outside 2FA service lives and how patiently the portal waits for an outside 2FA service (Authy, Twilio Verify): the base of their options.</summary>
public abstract class OutboundResilienceOptions
{
    /// <summary>Where the service lives.</summary>
    public abstract Uri BaseUrl { get; set; }

    /// <summary>One try; a login page should not hang longer (authy-client uses 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:15")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>All tries and waits together; capped at 15 s so a user never waits longer for an answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:15")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries for the operations the service marks repeat-safe (0 turns retries off).</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff; later ones grow exponentially with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A 429 asking to wait longer than this is reported as throttled instead of waited out.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Sized for portal traffic: a few calls a minute must be enough to trip the breaker.</summary>
    [Range(2, 100)]
    public int BreakerMinimumThroughput { get; set; } = 5;

    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
