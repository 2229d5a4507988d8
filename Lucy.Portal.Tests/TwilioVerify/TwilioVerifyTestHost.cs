using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Authy;
using Lucy.Portal.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.TwilioVerify;

/// <summary>
/// The real Verify registration (AddTwilioVerifyClient: Refit, Basic auth handler, Polly pipeline) pointed at a fake
/// server, with short timeouts so fault tests stay fast. One host per test, so breaker state never leaks between tests.
/// </summary>
public sealed class TwilioVerifyTestHost : IAsyncDisposable
{
    public static readonly TwilioVerifyCredentials FakeCredentials = new(
        FakeTwilioVerifyServer.DefaultAccountSid, FakeTwilioVerifyServer.DefaultAuthToken, FakeTwilioVerifyServer.DefaultServiceSid);

    /// <summary>For timeout tests (pair with a server delay of several seconds): each attempt gives up after 1 s.</summary>
    public static readonly IReadOnlyDictionary<string, string?> ShortTimeouts = new Dictionary<string, string?>
    {
        ["TwilioVerify:AttemptTimeout"] = "00:00:01",
        ["TwilioVerify:TotalTimeout"] = "00:00:06",
    };

    private readonly ServiceProvider _services;

    private TwilioVerifyTestHost(ServiceProvider services, TestTwilioVerifyCredentialSource credentials)
    {
        _services = services;
        Credentials = credentials;
    }

    public TestTwilioVerifyCredentialSource Credentials { get; }

    public TwilioVerifyCodes Codes => Get<TwilioVerifyCodes>();
    public TwilioVerifyServiceProbe Probe => Get<TwilioVerifyServiceProbe>();
    public ITwilioVerifyCredentialCheck CredentialCheck => Get<ITwilioVerifyCredentialCheck>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <param name="credentials">The stored credentials; null for "not configured".</param>
    public static TwilioVerifyTestHost Create(Uri baseAddress, TwilioVerifyCredentials? credentials, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["TwilioVerify:BaseUrl"] = baseAddress.ToString(),
            // Generous per attempt: two shared cores and a cold JIT can stall a healthy first call; timeout tests pass ShortTimeouts.
            ["TwilioVerify:AttemptTimeout"] = "00:00:05",
            ["TwilioVerify:TotalTimeout"] = "00:00:10",
            ["TwilioVerify:MaxRetries"] = "2",
            ["TwilioVerify:RetryBaseDelay"] = "00:00:00.010",
            ["TwilioVerify:MaxRetryAfterWait"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var source = new TestTwilioVerifyCredentialSource(credentials);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddLogging();
        services.AddSingleton<ITwilioVerifyCredentialSource>(source);
        services.AddSingleton<IOutboundProxySource>(new TestOutboundProxySource());
        services.AddTwilioVerifyClient();
        return new TwilioVerifyTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), source);
    }

    public static TwilioVerifyTestHost Create(FakeTwilioVerifyServer server, IReadOnlyDictionary<string, string?>? settings = null) =>
        Create(server.BaseAddress, FakeCredentials, settings);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Credentials a test can change between calls, as an administrator would in Advanced Settings.</summary>
public sealed class TestTwilioVerifyCredentialSource(TwilioVerifyCredentials? credentials) : ITwilioVerifyCredentialSource
{
    public TwilioVerifyCredentials? Credentials { get; set; } = credentials;

    public ValueTask<TwilioVerifyCredentials?> GetCredentialsAsync(CancellationToken ct = default) => ValueTask.FromResult(Credentials);
}

/// <summary>A fresh fake state and a fresh client host (own breaker) for every test of a class sharing one fake Verify.</summary>
public abstract class TwilioVerifyContractTestBase : IClassFixture<FakeTwilioVerifyServerFixture>, IAsyncLifetime
{
    protected const string Phone = "+41791234567";

    protected TwilioVerifyContractTestBase(FakeTwilioVerifyServerFixture fixture)
    {
        Server = fixture.Server;
        Server.Reset();
        Host = TwilioVerifyTestHost.Create(Server);
    }

    protected FakeTwilioVerifyServer Server { get; }

    protected TwilioVerifyTestHost Host { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
