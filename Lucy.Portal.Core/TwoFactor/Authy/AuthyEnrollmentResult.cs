namespace Lucy.Portal.Core.TwoFactor;

public enum AuthyEnrollmentStatus
{
    /// <summary>The step succeeded (registered, code sent, or first code verified).</summary>
    Done,
    /// <summary>Authy refused the phone number (60033 and friends); the user corrects it on the Account page.</summary>
    InvalidPhone,
    /// <summary>The first code was wrong; counted toward lockout.</summary>
    WrongCode,
    /// <summary>The input is not a well-formed code; nothing was checked or counted.</summary>
    Malformed,
    /// <summary>Please wait before another SMS; see NextAllowedAt.</summary>
    TooSoon,
    /// <summary>Authy is down, throttled, or the key is wrong; nothing was saved and the step can be retried.</summary>
    Unavailable,
    /// <summary>There is no registration to continue (start again), or Authy is not the configured provider.</summary>
    NotStarted,
    LockedOut,
}

/// <summary>The outcome of one step of the Authy enrollment, with the message the wizard shows on that step.</summary>
public sealed record AuthyEnrollmentResult(AuthyEnrollmentStatus Status, string Message, DateTimeOffset? NextAllowedAt = null)
{
    public bool Succeeded => Status == AuthyEnrollmentStatus.Done;
}
