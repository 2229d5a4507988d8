namespace Lucy.Portal.Core.Authy;

/// <summary>What came of an Authy call, in the terms the 2FA providers and the UI need.</summary>
public enum AuthyStatus
{
    /// <summary>Done: token valid, code sent, user registered, details read.</summary>
    Ok,
    /// <summary>HTTP 200 with ignored:true: Authy accepted the request but sent nothing.</summary>
    Ignored,
    /// <summary>The token is wrong (60020) or malformed; counts toward lockout.</summary>
    TokenInvalid,
    /// <summary>The token was already used (60019); the user must wait for the next one.</summary>
    TokenReused,
    /// <summary>Authy does not know this authy_id (60026, 60016).</summary>
    UserNotFound,
    /// <summary>Something other than a user was not found, e.g. a OneTouch request (60049).</summary>
    NotFound,
    /// <summary>Authy refused the API key (60001 and friends): a configuration problem.</summary>
    InvalidKey,
    /// <summary>Too many requests (60003, 429, 503): wait and try again.</summary>
    Throttled,
    /// <summary>The application's SMS or call quota is used up (60009–60012).</summary>
    QuotaReached,
    /// <summary>The phone number was refused (60033, landline, country code).</summary>
    InvalidPhone,
    /// <summary>The request was refused as invalid (bad email, missing parameter, bad input caught locally).</summary>
    InvalidRequest,
    /// <summary>The feature is not enabled for the application or the user (SMS, calls, OneTouch, QR).</summary>
    FeatureDisabled,
    /// <summary>No API key is configured; no request was made.</summary>
    NotConfigured,
    /// <summary>Authy could not be reached or answered something unusable (timeout, refused, breaker open, bad JSON).</summary>
    Unavailable,
    /// <summary>Any other refusal with an Authy error code.</summary>
    Rejected,
}
