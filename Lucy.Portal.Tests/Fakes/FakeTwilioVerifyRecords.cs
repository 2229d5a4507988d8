using System.Text.Json.Nodes;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>The fake Verify endpoints, used to aim faults and to filter the request log.</summary>
public enum FakeVerifyEndpoint
{
    Service,
    Verifications,
    VerificationCheck,
    /// <summary>One verification by sid: fetch (GET) and update status (POST).</summary>
    Verification,
}

/// <summary>Endpoint metadata so middleware knows which endpoint a request is for.</summary>
internal sealed record FakeVerifyEndpointTag(FakeVerifyEndpoint Endpoint);

/// <summary>Every request the fake Verify saw, before faults and the credential check.</summary>
public sealed record RecordedVerifyRequest(
    FakeVerifyEndpoint? Endpoint,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Form,
    DateTimeOffset At)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? Field(string name) => Form.TryGetValue(name, out var v) ? v : null;

    public override string ToString() => $"{At:HH:mm:ss.fff} {Method} {Path}{QueryString}";
}

/// <summary>A code the fake "delivered": to whom, how, which code, for which verification, when.</summary>
public sealed record SentVerifyCode(string To, string Channel, string Code, string? Locale, string VerificationSid, DateTimeOffset At);

/// <summary>A pending verification as the fake keeps it: one per To number, 10 minutes, 5 sends, 5 checks.</summary>
public sealed class FakeVerification
{
    public required string Sid { get; init; }
    public required string To { get; init; }
    public required string Code { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Channel { get; set; } = "sms";
    public int Sends { get; set; }
    public int Checks { get; set; }
    public List<(DateTimeOffset At, string Channel)> SendAttempts { get; } = [];
}

/// <summary>
/// A misbehaviour of one fake endpoint: latency first, then one of a status (with or without body), malformed JSON or
/// a reset connection. Applies to the next <see cref="Times"/> requests, or until cleared when null.
/// </summary>
public sealed record FakeVerifyFault
{
    public TimeSpan Latency { get; init; }
    public int? StatusCode { get; init; }
    public string? Body { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public bool MalformedJson { get; init; }
    public bool ResetConnection { get; init; }
    public int? Times { get; init; }

    public static FakeVerifyFault Delay(TimeSpan latency) => new() { Latency = latency };

    public static FakeVerifyFault Respond(int statusCode, string? body = null) => new() { StatusCode = statusCode, Body = body };

    /// <summary>429 with Retry-After and Twilio's 20429 body.</summary>
    public static FakeVerifyFault Throttle(TimeSpan retryAfter) =>
        new() { StatusCode = 429, RetryAfter = retryAfter, Body = FakeVerifyBodies.Error(20429, "Too Many Requests", 429) };

    /// <summary>503 with Twilio's 20503 body.</summary>
    public static FakeVerifyFault Unavailable() =>
        new() { StatusCode = 503, Body = FakeVerifyBodies.Error(20503, "Service Unavailable", 503) };

    public static FakeVerifyFault Malformed() => new() { MalformedJson = true };

    public static FakeVerifyFault Reset() => new() { ResetConnection = true };

    public FakeVerifyFault Once() => this with { Times = 1 };

    public FakeVerifyFault Twice() => this with { Times = 2 };
}

/// <summary>Twilio-shaped bodies: errors carry a numeric code, a message, more_info and the status.</summary>
public static class FakeVerifyBodies
{
    public const string Malformed = "{\"sid\": \"VE";

    public static string Error(int code, string message, int status) => new JsonObject
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
        ["status"] = status,
    }.ToJsonString();
}
