namespace Lucy.Portal.Core.Authy;

/// <summary>
/// The typed outcome of an Authy call. Expected failures are results, never exceptions; Message is short and safe
/// to show to the user (it never contains a key or a token).
/// </summary>
public record AuthyResult(AuthyStatus Status, string Message)
{
    /// <summary>Authy's error_code when it sent one (always a string, e.g. "60020").</summary>
    public string? ErrorCode { get; init; }

    /// <summary>True when trying again later may succeed without anyone changing anything.</summary>
    public bool IsTransient { get; init; }

    /// <summary>How long Authy asked us to wait (Retry-After), when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The HTTP status Authy answered with; null when no answer came.</summary>
    public int? HttpStatus { get; init; }

    public bool Succeeded => Status == AuthyStatus.Ok;

    /// <summary>A 2xx whose body lacks what the operation needs: treated like an outage, not a success.</summary>
    internal static AuthyResult UnreadableAnswer =>
        new(AuthyStatus.Unavailable, AuthyMessages.Unavailable) { IsTransient = true, HttpStatus = 200 };

    public static AuthyResult<T> Ok<T>(T value, string message) => new(AuthyStatus.Ok, message, value) { HttpStatus = 200 };

    /// <summary>Carries this outcome (a failure or an Ignored) over to a result with a value type and no value.</summary>
    public AuthyResult<T> As<T>() => new(Status, Message, default)
    {
        ErrorCode = ErrorCode,
        IsTransient = IsTransient,
        RetryAfter = RetryAfter,
        HttpStatus = HttpStatus,
    };
}

/// <summary>An Authy outcome that carries a value when it succeeded.</summary>
public sealed record AuthyResult<T>(AuthyStatus Status, string Message, T? Value) : AuthyResult(Status, Message);
