using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// A stateful fake of verify.twilio.com on a loopback port (Kestrel, real HTTP). One Verify Service; Basic auth with
/// one Account SID / Auth Token pair; one pending verification per To number with a 6-digit code that tests read from
/// the outbox; Verify's limits (10-minute expiry on the fake's own clock, 5 sends, 5 checks, consumed on approval);
/// every request logged; faults per endpoint. One per test class (FakeTwilioVerifyServerFixture), Reset between tests.
/// </summary>
public sealed partial class FakeTwilioVerifyServer : FakeLoopbackServer
{
    public const string DefaultAccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string DefaultAuthToken = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
    public const string DefaultServiceSid = "VAfedcba9876543210fedcba9876543210";
    public const string DefaultFriendlyName = "Lucy Portal (fake Verify)";

    /// <summary>Twilio's magic test number for "invalid phone number" (21211).</summary>
    public const string InvalidNumber = "+15005550001";

    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromMinutes(10);
    public const int MaxSends = 5;
    public const int MaxChecks = 5;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeVerification> _verifications = new(StringComparer.Ordinal);
    private readonly List<SentVerifyCode> _outbox = [];
    private readonly List<RecordedVerifyRequest> _requests = [];
    private readonly Dictionary<FakeVerifyEndpoint, (FakeVerifyFault Fault, int? Remaining)> _faults = [];

    private FakeTwilioVerifyServer()
    {
    }

    /// <summary>The fake's clock for expiry: advance it instead of waiting. A fresh one after every Reset.</summary>
    public FakeTimeProvider Time { get; private set; } = new(DateTimeOffset.UtcNow);

    public string AccountSid { get; set; } = DefaultAccountSid;
    public string AuthToken { get; set; } = DefaultAuthToken;
    public string ServiceSid { get; set; } = DefaultServiceSid;
    public string FriendlyName { get; set; } = DefaultFriendlyName;

    public static async Task<FakeTwilioVerifyServer> StartAsync(CancellationToken ct = default)
    {
        var server = new FakeTwilioVerifyServer();
        await server.StartOnLoopbackAsync("FakeTwilioVerify", ct);
        return server;
    }

    /// <summary>Forgets verifications, sends, requests and faults; restores credentials, Service and clock.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _verifications.Clear();
            _outbox.Clear();
            _requests.Clear();
            _faults.Clear();
            AccountSid = DefaultAccountSid;
            AuthToken = DefaultAuthToken;
            ServiceSid = DefaultServiceSid;
            FriendlyName = DefaultFriendlyName;
            Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        }
    }

    public IReadOnlyList<SentVerifyCode> Outbox
    {
        get
        {
            lock (_gate)
            {
                return [.. _outbox];
            }
        }
    }

    /// <summary>The code last delivered to a number (what the user reads on the phone).</summary>
    public string LastCodeTo(string to) => Outbox.Last(s => s.To == to).Code;

    public IReadOnlyList<RecordedVerifyRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedVerifyRequest> RequestsTo(FakeVerifyEndpoint endpoint) =>
        Requests.Where(r => r.Endpoint == endpoint).ToList();

    /// <summary>The pending, unexpired verification for a number, if any.</summary>
    public FakeVerification? PendingFor(string to)
    {
        lock (_gate)
        {
            return Pending(to);
        }
    }

    public void SetFault(FakeVerifyEndpoint endpoint, FakeVerifyFault fault)
    {
        lock (_gate)
        {
            _faults[endpoint] = (fault, fault.Times);
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    private FakeVerification? Pending(string to)
    {
        if (!_verifications.TryGetValue(to, out var verification))
        {
            return null;
        }

        if (Time.GetUtcNow() - verification.CreatedAt >= VerificationLifetime)
        {
            _verifications.Remove(to);
            return null;
        }

        return verification;
    }

    private FakeVerification? PendingBySid(string sid) =>
        _verifications.Values.FirstOrDefault(v => v.Sid == sid) is { } found ? Pending(found.To) : null;

    private static string NewSid(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
