using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// A stateful fake of api.authy.com on a loopback port (Kestrel, real HTTP). Users are keyed by country code +
/// phone; each has a TOTP seed so tests can compute valid tokens; sends go to an outbox; OneTouch requests can be
/// approved, denied or expired; every request is logged; faults can be set per endpoint.
/// Start with <see cref="StartAsync"/>, one per test class (see FakeAuthyServerFixture), and Reset between tests.
/// </summary>
public sealed partial class FakeAuthyServer : FakeLoopbackServer
{
    /// <summary>Shaped like a real Authy key (32 letters and digits), so the portal's key rule accepts it.</summary>
    public const string DefaultApiKey = "FakeAuthyKey7Qw2pZ3mN8vB4xL6tR9s";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeAuthyUser> _usersByPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeAuthyUser> _usersById = new(StringComparer.Ordinal);
    private readonly List<SentAuthyCode> _outbox = [];
    private readonly List<RecordedAuthyRequest> _requests = [];
    private readonly Dictionary<string, FakeOneTouchRequest> _oneTouch = new(StringComparer.Ordinal);
    private readonly Dictionary<FakeAuthyEndpoint, (FakeAuthyFault Fault, int? Remaining)> _faults = [];
    private readonly TimeProvider _time;
    private long _nextId = 1635;

    private FakeAuthyServer(TimeProvider time) => _time = time;

    /// <summary>The key the fake accepts; anything else gets 401 60001.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    public string AppName { get; set; } = "Lucy Portal (fake)";
    public bool SmsEnabled { get; set; } = true;
    public bool PhoneCallsEnabled { get; set; } = true;
    public bool OneTouchEnabled { get; set; } = true;

    public static async Task<FakeAuthyServer> StartAsync(TimeProvider? time = null, CancellationToken ct = default)
    {
        var server = new FakeAuthyServer(time ?? TimeProvider.System);
        await server.StartOnLoopbackAsync("FakeAuthy", ct);
        return server;
    }

    /// <summary>Forgets users, sends, requests, OneTouch requests and faults; restores key and app details.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _usersByPhone.Clear();
            _usersById.Clear();
            _outbox.Clear();
            _requests.Clear();
            _oneTouch.Clear();
            _faults.Clear();
            ApiKey = DefaultApiKey;
            AppName = "Lucy Portal (fake)";
            SmsEnabled = PhoneCallsEnabled = OneTouchEnabled = true;
        }
    }

    // ---- users and tokens ----

    /// <summary>Adds (or finds, by phone) a user directly, as if registered earlier.</summary>
    public FakeAuthyUser SeedUser(string email = "user@example.test", string countryCode = "1", string cellphone = "5551234567", bool hasApp = false, bool confirmed = false)
    {
        lock (_gate)
        {
            var user = FindOrCreateUser(email, countryCode, cellphone);
            user.HasApp = hasApp;
            user.Confirmed = confirmed;
            return user;
        }
    }

    public FakeAuthyUser? User(string authyId)
    {
        lock (_gate)
        {
            return _usersById.GetValueOrDefault(authyId);
        }
    }

    /// <summary>The token the user's app shows now.</summary>
    public string CurrentTokenFor(string authyId) => TokenFor(authyId, 0);

    /// <summary>The token for a neighbouring time step (-1, +1 are accepted by the fake), for an action or none.</summary>
    public string TokenFor(string authyId, int stepOffset, string? action = null)
    {
        var user = User(authyId) ?? throw new InvalidOperationException($"No fake Authy user {authyId}.");
        return FakeTotp.Compute(user.SeedFor(action), FakeTotp.StepAt(_time.GetUtcNow()) + stepOffset);
    }

    // ---- outbox and request log ----

    public IReadOnlyList<SentAuthyCode> Outbox
    {
        get
        {
            lock (_gate)
            {
                return [.. _outbox];
            }
        }
    }

    public IReadOnlyList<RecordedAuthyRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedAuthyRequest> RequestsTo(FakeAuthyEndpoint endpoint) =>
        Requests.Where(r => r.Endpoint == endpoint).ToList();

    // ---- faults ----

    public void SetFault(FakeAuthyEndpoint endpoint, FakeAuthyFault fault)
    {
        lock (_gate)
        {
            _faults[endpoint] = (fault, fault.Times);
        }
    }

    public void SetFaultEverywhere(FakeAuthyFault fault)
    {
        foreach (var endpoint in Enum.GetValues<FakeAuthyEndpoint>())
        {
            SetFault(endpoint, fault);
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    // ---- OneTouch ----

    public IReadOnlyList<FakeOneTouchRequest> OneTouchRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _oneTouch.Values];
            }
        }
    }

    public void Approve(string uuid) => Process(uuid, "approved");

    public void Deny(string uuid) => Process(uuid, "denied");

    public void Expire(string uuid) => Process(uuid, "expired");

    private void Process(string uuid, string status)
    {
        lock (_gate)
        {
            var request = _oneTouch[uuid];
            request.Status = status;
            request.ProcessedAt = _time.GetUtcNow();
        }
    }

    private FakeAuthyUser FindOrCreateUser(string email, string countryCode, string cellphone)
    {
        var phoneKey = $"{countryCode}|{cellphone}";
        if (!_usersByPhone.TryGetValue(phoneKey, out var user) || user.Removed)
        {
            user = new FakeAuthyUser
            {
                Id = (_nextId++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                CountryCode = countryCode,
                Cellphone = cellphone,
                Seed = RandomNumberGenerator.GetBytes(20),
            };
            _usersByPhone[phoneKey] = user;
            _usersById[user.Id] = user;
        }

        if (!user.Emails.Contains(email, StringComparer.OrdinalIgnoreCase))
        {
            user.Emails.Add(email);
        }

        return user;
    }
}
