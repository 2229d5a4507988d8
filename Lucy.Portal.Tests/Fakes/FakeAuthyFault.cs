namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// A misbehaviour of one fake endpoint: latency first, then one of a status (with or without body), malformed
/// JSON or a reset connection. Applies to the next <see cref="Times"/> requests, or until cleared when null.
/// </summary>
public sealed record FakeAuthyFault
{
    public TimeSpan Latency { get; init; }
    public int? StatusCode { get; init; }
    /// <summary>Body sent with StatusCode; null sends no body at all.</summary>
    public string? Body { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public bool MalformedJson { get; init; }
    public bool ResetConnection { get; init; }
    /// <summary>The request is processed as usual, then the connection drops before any byte of the answer.</summary>
    public bool AnswerLost { get; init; }
    public int? Times { get; init; }

    public static FakeAuthyFault Delay(TimeSpan latency) => new() { Latency = latency };

    public static FakeAuthyFault Respond(int statusCode, string? body = null) => new() { StatusCode = statusCode, Body = body };

    /// <summary>429 with Retry-After and the documented 60003 body.</summary>
    public static FakeAuthyFault Throttle(TimeSpan retryAfter) =>
        new() { StatusCode = 429, RetryAfter = retryAfter, Body = FakeAuthyBodies.TooManyRequests() };

    /// <summary>503 with no body, as older Authy answered usage limits and outages.</summary>
    public static FakeAuthyFault Unavailable() => new() { StatusCode = 503 };

    public static FakeAuthyFault Malformed() => new() { MalformedJson = true };

    /// <summary>Drops the connection without an answer (HttpContext.Abort).</summary>
    public static FakeAuthyFault Reset() => new() { ResetConnection = true };

    /// <summary>
    /// Does the work (consumes the token, sends the SMS) and then drops the connection without answering: the
    /// request reached Authy and only the answer was lost.
    /// </summary>
    public static FakeAuthyFault LoseAnswer() => new() { AnswerLost = true };

    public FakeAuthyFault Once() => this with { Times = 1 };

    public FakeAuthyFault Twice() => this with { Times = 2 };
}
