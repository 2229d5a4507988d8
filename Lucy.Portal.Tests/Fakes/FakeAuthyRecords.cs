namespace Lucy.Portal.Tests.Fakes;

/// <summary>Every request the fake saw, before faults and key checks.</summary>
public sealed record RecordedAuthyRequest(
    FakeAuthyEndpoint? Endpoint,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Form,
    DateTimeOffset At)
{
    public string? Query(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(QueryString).TryGetValue(name, out var v) ? v.ToString() : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public override string ToString() => $"{At:HH:mm:ss.fff} {Method} {Path}{QueryString} key={Header("X-Authy-API-Key")}";
}

/// <summary>An SMS or call the fake "delivered": who, which code, whether forced, when.</summary>
public sealed record SentAuthyCode(string AuthyId, string Channel, string Code, bool Forced, string? Action, string? Locale, DateTimeOffset At);

/// <summary>A user as the fake stores it; keyed by country code + cellphone, as Authy does.</summary>
public sealed class FakeAuthyUser
{
    public required string Id { get; init; }
    public required string CountryCode { get; init; }
    public required string Cellphone { get; init; }
    public List<string> Emails { get; } = [];
    public required byte[] Seed { get; init; }
    /// <summary>Has the Authy app: SMS/call without force are ignored, OneTouch works.</summary>
    public bool HasApp { get; set; }
    /// <summary>Has used a valid code at least once (verify without force stops being lenient).</summary>
    public bool Confirmed { get; set; }
    public bool Removed { get; set; }
    internal HashSet<long> UsedSteps { get; } = [];

    public string MaskedPhone => $"+{CountryCode}-XXX-XXX-XX{Cellphone[^2..]}";
}

/// <summary>A OneTouch approval request a test can approve, deny or expire.</summary>
public sealed class FakeOneTouchRequest
{
    public required string Uuid { get; init; }
    public required string AuthyId { get; init; }
    public required string Message { get; init; }
    public int? SecondsToExpire { get; init; }
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "pending";
    public DateTimeOffset? ProcessedAt { get; set; }
}
