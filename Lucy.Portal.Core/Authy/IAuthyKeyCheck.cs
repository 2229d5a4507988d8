namespace Lucy.Portal.Core.Authy;

/// <summary>Checks a candidate Authy API key against Authy's app details before it is stored.</summary>
public interface IAuthyKeyCheck
{
    Task<AuthyKeyCheckResult> CheckAsync(string apiKey, CancellationToken ct = default);
}

public enum AuthyKeyCheckStatus
{
    /// <summary>Authy accepted the key and returned the application's details.</summary>
    Valid,
    /// <summary>Authy refused the key (60001 and friends).</summary>
    InvalidKey,
    /// <summary>Authy could not be reached, timed out, throttled or answered something unusable.</summary>
    Unavailable,
}

/// <summary>The outcome of a key check; the capability flags are meaningful only when Valid.</summary>
public sealed record AuthyKeyCheckResult(
    AuthyKeyCheckStatus Status,
    string? ApplicationName = null,
    bool SmsEnabled = false,
    bool VoiceEnabled = false,
    bool OneTouchEnabled = false,
    string? Message = null);
