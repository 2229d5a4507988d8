namespace Lucy.Portal.Core.TwoFactor;

public enum TwilioVerifyEnrollmentStatus
{
    /// <summary>The step succeeded (a code was sent, or the code was approved and the method confirmed).</summary>
    Done,
    /// <summary>The code was wrong; counted toward lockout.</summary>
    WrongCode,
    /// <summary>The input is not a well-formed code; nothing was checked or counted.</summary>
    Malformed,
    /// <summary>Please wait before another SMS or call; see NextAllowedAt.</summary>
    TooSoon,
    /// <summary>No pending code (never sent, expired or used): send a new one. Not counted.</summary>
    Expired,
    /// <summary>Verify refused for a reason that is not a guess (too many sends or checks, throttled, phone refused). Not counted.</summary>
    Refused,
    /// <summary>Verify is down or misconfigured; nothing was saved and the step can be retried.</summary>
    Unavailable,
    /// <summary>Twilio Verify is not the provider, or the user has no saved mobile number.</summary>
    NotStarted,
    LockedOut,
}

/// <summary>The outcome of one step of the Twilio Verify enrollment, with the message the wizard shows.</summary>
public sealed record TwilioVerifyEnrollmentResult(TwilioVerifyEnrollmentStatus Status, string Message, DateTimeOffset? NextAllowedAt = null)
{
    public bool Succeeded => Status == TwilioVerifyEnrollmentStatus.Done;
}
