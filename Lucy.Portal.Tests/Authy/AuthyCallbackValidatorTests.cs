using System.Text.Json;
using System.Text.Json.Nodes;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Authy.Callbacks;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Authy;

/// <summary>The published authy-client vectors (docs/authy-onetouch-callback.md) plus freshness and replay, over a database ledger.</summary>
public sealed class AuthyCallbackValidatorTests : IDisposable
{
    private const string VectorKey = "1DS9YIwGquvvIdx8GdcdqZGLAewZZyhd";
    private const string VectorNonce = "1455825429";
    private static readonly Uri VectorUrl = new("https://foo.bar/");

    private const string DeviceSignature = "BObhJgZwgU7O9r4Uo9VT6j6shAOe7y/IRGpW/N0Uq34/XHZU9E+aHOI5rcQzW1ZgNCECzVrqrsnjhYEK4Zq1naKWu0YNkuvILmMz8IxJEQH+c+6x186fjIjxvP4nu4p/pfUDomo/za24s1XOjtNlVsrDTDXClHUh5MjFQbyBjhFd8gOtmGVatN7K2Lx71I8YR2JDLbRX4DlJEMu++PLBn1nqQH9tbNYzX5jjX87CXPBtDfRwfWSs/imnfZ9zkDq4ZKuBcuwzQNsxKlby6782X0o78rYhCHrcDnHgRtyMGvX9ovK3XTt6M7p6i9SKaRgBWIOFVPygxv15iJesqt9cng==";

    private const string ValidBody = $$$"""
        {"approval_request":{"expiration_timestamp":1455911778,"logos":null,"transaction":{"created_at_time":1455825378,
        "customer_uuid":"2ccf0040-ed25-0132-5987-0e67b818e6fb","details":{},"device_details":null,"device_geolocation":null,
        "device_signing_time":0,"encrypted":false,"flagged":false,"hidden_details":{},"message":".","reason":null,
        "requester_details":null,"status":"approved","uuid":"996201c0-b7a7-0133-7c06-0e67b818e6fb"}},
        "authy_id":1234567,"callback_action":"approval_request_status","device_uuid":"4d89c320-a9bb-0133-7c02-0e67b818e6fb",
        "signature":"{{{DeviceSignature}}}","status":"approved","uuid":"996221c0-b7a7-0133-7c06-0e67b818e6fb"}
        """;

    private const string ValidSignature = "hqB6las54sMBA83GKs0U1QQi9ocJ2tH20SXHZNzfqqQ=";

    private const string TamperedBody = $$$"""
        {"approval_request":{},"authy_id":1234567,"callback_action":"approval_request_status",
        "device_uuid":"3d89c320-a9bb-0133-7c02-0e67b818e6fb","signature":"{{{DeviceSignature}}}","status":"approved",
        "uuid":"996221c0-b8a7-0133-7c06-0e67b818e6fb"}
        """;

    private const string TamperedSignature = "auCQ/qxS6TgwVzOuiWFwU93ZLe8trNoxznJMRfogzeo=";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1455825429 + 10));
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqlitePortalDbContext _db;

    public AuthyCallbackValidatorTests()
    {
        _connection.Open();
        _db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(_connection).Options);
        _db.Database.EnsureCreated();
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public void The_tests_independent_signer_reproduces_the_published_vector()
    {
        var body = (JsonObject)JsonNode.Parse(ValidBody)!;

        var signature = FakeAuthyCallbackSigner.Sign(VectorKey, VectorNonce, "POST", "https://foo.bar/", FakeAuthyCallbackSigner.Flatten(body));

        Assert.Equal(ValidSignature, signature);
    }

    [Fact]
    public void Signature_of_the_published_valid_vector_matches()
    {
        var signature = AuthyCallbackSignature.Compute(VectorKey, VectorNonce, "POST", VectorUrl, Flatten(ValidBody));

        Assert.Equal(ValidSignature, signature);
    }

    [Fact]
    public void Signature_of_the_nested_object_vector_matches()
    {
        var body = """{"qux":"net","foo":{"bar":{"biz":"foo"}}}""";

        var signature = AuthyCallbackSignature.Compute("foo", VectorNonce, "POST", VectorUrl, Flatten(body));

        Assert.Equal("uq/wB8AR1Acvn0wFcjm7mmBJyR11nuuMhMy6semsAO8=", signature);
    }

    [Fact]
    public async Task Callback_with_the_published_valid_signature_is_accepted()
    {
        var verdict = await Validator().ValidateAsync(Request(ValidBody, ValidSignature));

        Assert.Equal(AuthyCallbackVerdict.Valid, verdict);
    }

    [Fact]
    public async Task Callback_with_the_tampered_body_is_rejected()
    {
        var verdict = await Validator().ValidateAsync(Request(TamperedBody, TamperedSignature));

        Assert.Equal(AuthyCallbackVerdict.BadSignature, verdict);
    }

    [Fact]
    public async Task Valid_signature_over_a_changed_body_is_rejected()
    {
        var verdict = await Validator().ValidateAsync(Request(ValidBody.Replace("approved", "denied", StringComparison.Ordinal), ValidSignature));

        Assert.Equal(AuthyCallbackVerdict.BadSignature, verdict);
    }

    [Fact]
    public async Task Callback_replayed_within_the_window_is_rejected()
    {
        var validator = Validator();
        await validator.ValidateAsync(Request(ValidBody, ValidSignature));

        var verdict = await validator.ValidateAsync(Request(ValidBody, ValidSignature));

        Assert.Equal(AuthyCallbackVerdict.Replayed, verdict);
    }

    [Fact]
    public async Task A_replay_is_refused_by_a_ledger_on_another_context_over_the_same_database()
    {
        await Validator().ValidateAsync(Request(ValidBody, ValidSignature));
        await using var other = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(_connection).Options);
        var otherInstance = new AuthyCallbackValidator(new TestAuthyApiKeySource(VectorKey), new AuthyCallbackNonceLedger(other, new Housekeeping(_time)), _time, Options.Create(new AuthyOptions()));

        var verdict = await otherInstance.ValidateAsync(Request(ValidBody, ValidSignature));

        Assert.Equal(AuthyCallbackVerdict.Replayed, verdict);
    }

    [Fact]
    public async Task Accepted_nonces_are_purged_once_they_could_no_longer_be_fresh()
    {
        await Validator().ValidateAsync(Request(ValidBody, ValidSignature));
        Assert.Equal(1, await _db.Set<AuthyCallbackNonce>().CountAsync());
        _time.Advance(TimeSpan.FromMinutes(10));
        var laterNonce = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = (JsonObject)JsonNode.Parse(ValidBody)!;
        var signature = FakeAuthyCallbackSigner.Sign(VectorKey, laterNonce, "POST", "https://foo.bar/", FakeAuthyCallbackSigner.Flatten(body));
        using var json = JsonDocument.Parse(ValidBody);

        var verdict = await Validator().ValidateAsync(AuthyCallbackRequest.FromJsonBody("POST", VectorUrl, json.RootElement, signature, laterNonce));

        Assert.Equal(AuthyCallbackVerdict.Valid, verdict);
        Assert.Equal(laterNonce, Assert.Single(await _db.Set<AuthyCallbackNonce>().AsNoTracking().ToListAsync()).Nonce);
    }

    [Fact]
    public async Task Callback_with_a_stale_nonce_is_rejected()
    {
        _time.Advance(TimeSpan.FromMinutes(10));

        var verdict = await Validator().ValidateAsync(Request(ValidBody, ValidSignature));

        Assert.Equal(AuthyCallbackVerdict.StaleNonce, verdict);
    }

    [Fact]
    public async Task Callback_without_signature_headers_is_rejected()
    {
        var verdict = await Validator().ValidateAsync(Request(ValidBody, signature: null));

        Assert.Equal(AuthyCallbackVerdict.MissingHeaders, verdict);
    }

    [Fact]
    public async Task Callback_is_refused_when_no_key_is_configured()
    {
        var verdict = await Validator(key: null).ValidateAsync(Request(ValidBody, ValidSignature));

        Assert.Equal(AuthyCallbackVerdict.NotConfigured, verdict);
    }

    private AuthyCallbackValidator Validator(string? key = VectorKey) =>
        new(new TestAuthyApiKeySource(key), new AuthyCallbackNonceLedger(_db, new Housekeeping(_time)), _time, Options.Create(new AuthyOptions()));

    private static AuthyCallbackRequest Request(string body, string? signature)
    {
        using var json = JsonDocument.Parse(body);
        return AuthyCallbackRequest.FromJsonBody("POST", VectorUrl, json.RootElement, signature, VectorNonce);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Flatten(string body)
    {
        using var json = JsonDocument.Parse(body);
        return AuthyCallbackParameters.Flatten(json.RootElement);
    }
}
