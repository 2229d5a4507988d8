namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// The typed outcome of a Verify call. Expected failures are results, never exceptions; Message is short and safe to
/// show to the user (never a credential, never a code).
/// </summary>
public record TwilioVerifyResult(TwilioVerifyStatus Status, string Message)
{
    /// <summary>Twilio's numeric error code when it sent one (e.g. 60203).</summary>
    public int? ErrorCode { get; init; }

    /// <summary>True when trying again later may succeed without anyone changing anything.</summary>
    public bool IsTransient { get; init; }

    /// <summary>How long Twilio asked us to wait (Retry-After), when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The HTTP status Twilio answered with; null when no answer came.</summary>
    public int? HttpStatus { get; init; }

    public bool Succeeded => Status is TwilioVerifyStatus.Ok or TwilioVerifyStatus.Sent or TwilioVerifyStatus.Approved;

    /// <summary>A 2xx whose body lacks what the operation needs: treated like an outage, not a success.</summary>
    internal static TwilioVerifyResult UnreadableAnswer(int httpStatus) =>
        new(TwilioVerifyStatus.Unavailable, TwilioVerifyMessages.Unavailable) { IsTransient = true, HttpStatus = httpStatus };

    public static TwilioVerifyResult<T> Success<T>(TwilioVerifyStatus status, T value, string message, int httpStatus) =>
        new(status, message, value) { HttpStatus = httpStatus };

    /// <summary>Carries this outcome over to a result with a value type and no value.</summary>
    public TwilioVerifyResult<T> As<T>() => new(Status, Message, default)
    {
        ErrorCode = ErrorCode,
        IsTransient = IsTransient,
        RetryAfter = RetryAfter,
        HttpStatus = HttpStatus,
    };
}

/// <summary>A Verify outcome that carries a value when it succeeded.</summary>
public sealed record TwilioVerifyResult<T>(TwilioVerifyStatus Status, string Message, T? Value) : TwilioVerifyResult(Status, Message);
