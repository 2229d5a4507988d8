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
public sealed record SentAuthyCode(string AuthyId, string Channel, string Code, bool Forced, string? Action, string? Locale, DateTimeOffset At)
{
    /// <summary>The action_message shown with the code, when one was sent.</summary>
    public string? ActionMessage { get; init; }
}

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
    /// <summary>Time steps already accepted, per action ("" for none): a second use is refused as 60019.</summary>
    internal HashSet<(string Action, long Step)> UsedSteps { get; } = [];

    public string MaskedPhone => $"+{CountryCode}-XXX-XXX-XX{Cellphone[^2..]}";

    /// <summary>
    /// The seed behind codes for an action (docs/authy-contract.md, "Action binding"): none gives the app's own
    /// codes; an action gives a different code sequence, so a code sent for one action never verifies for another
    /// action, nor without one, and an app code never verifies with an action.
    /// </summary>
    public byte[] SeedFor(string? action) => string.IsNullOrEmpty(action)
        ? Seed
        : System.Security.Cryptography.HMACSHA256.HashData(Seed, System.Text.Encoding.UTF8.GetBytes("action:" + action));
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
