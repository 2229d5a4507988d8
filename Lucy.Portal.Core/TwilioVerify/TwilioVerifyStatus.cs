namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>What came of a Twilio Verify call, in the terms the login prompt, the wizard and the settings need.</summary>
public enum TwilioVerifyStatus
{
    /// <summary>The Service probe answered (credentials and Service SID are good).</summary>
    Ok,
    /// <summary>A code was sent (or re-sent: Verify repeats the same code within the verification's 10 minutes).</summary>
    Sent,
    /// <summary>The code matched; the verification is consumed.</summary>
    Approved,
    /// <summary>The code did not match (status pending / valid false); counts toward lockout.</summary>
    WrongCode,
    /// <summary>No pending verification (20404): never sent, expired after 10 minutes, or already approved.</summary>
    NotFound,
    /// <summary>5 sends for this verification already (60203): wait for it to expire.</summary>
    MaxSendAttempts,
    /// <summary>5 checks for this verification already (60202): request a new code after it expires.</summary>
    MaxCheckAttempts,
    /// <summary>The phone number was refused (60200 invalid parameter, 21211, landline, or not E.164 locally).</summary>
    InvalidPhone,
    /// <summary>Twilio refused the credentials (401, 20003): a configuration problem.</summary>
    InvalidCredentials,
    /// <summary>Too many requests (429, 20429, 60212): wait and try again.</summary>
    Throttled,
    /// <summary>No credentials configured; no request was made.</summary>
    NotConfigured,
    /// <summary>Twilio could not be reached or answered something unusable (timeout, 5xx, refused, bad JSON, breaker open).</summary>
    Unavailable,
    /// <summary>Any other refusal (another 4xx or error code).</summary>
    Rejected,
}
