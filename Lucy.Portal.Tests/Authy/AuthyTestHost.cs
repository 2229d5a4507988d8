using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Authy;

/// <summary>
/// The real Authy registration (AddAuthyClient: Refit, key handler, Polly pipeline) pointed at a fake server, with
/// short timeouts so fault tests stay fast. One host per test, so breaker state never leaks between tests.
/// </summary>
public sealed class AuthyTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AuthyTestHost(ServiceProvider services, TestAuthyApiKeySource keys, TestOutboundProxySource proxy)
    {
        _services = services;
        Keys = keys;
        Proxy = proxy;
    }

    public TestAuthyApiKeySource Keys { get; }
    public TestOutboundProxySource Proxy { get; }

    public AuthyTokenVerifier Verifier => Get<AuthyTokenVerifier>();
    public AuthyCodeSender Sender => Get<AuthyCodeSender>();
    public AuthyUserRegistry Users => Get<AuthyUserRegistry>();
    public AuthyOneTouch OneTouch => Get<AuthyOneTouch>();
    public AuthyApplicationProbe Application => Get<AuthyApplicationProbe>();
    public IAuthyKeyCheck KeyCheck => Get<IAuthyKeyCheck>();

    /// <summary>
    /// For tests that provoke timeouts (pair with a server delay of several seconds): each attempt gives up after
    /// 1 s, long enough that every attempt surely reaches the fake even on a loaded machine.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> ShortTimeouts = new Dictionary<string, string?>
    {
        ["Authy:AttemptTimeout"] = "00:00:01",
        ["Authy:TotalTimeout"] = "00:00:06",
    };

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <param name="apiKey">The stored key; defaults to the fake's key. Pass null for "not configured".</param>
    public static AuthyTestHost Create(Uri baseAddress, string? apiKey = FakeAuthyServer.DefaultApiKey, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Authy:BaseUrl"] = baseAddress.ToString(),
            // Generous per attempt: two shared cores and a cold JIT can stall a healthy first call for ~1 s.
            // Timeout tests pass ShortTimeouts instead.
            ["Authy:AttemptTimeout"] = "00:00:05",
            ["Authy:TotalTimeout"] = "00:00:10",
            ["Authy:MaxRetries"] = "2",
            ["Authy:RetryBaseDelay"] = "00:00:00.010",
            ["Authy:MaxRetryAfterWait"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var keys = new TestAuthyApiKeySource(apiKey);
        var proxy = new TestOutboundProxySource();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddLogging();
        services.AddSingleton<IAuthyApiKeySource>(keys);
        services.AddSingleton<IOutboundProxySource>(proxy);
        services.AddAuthyClient();
        return new AuthyTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), keys, proxy);
    }

    public static AuthyTestHost Create(FakeAuthyServer server, string? apiKey = FakeAuthyServer.DefaultApiKey, IReadOnlyDictionary<string, string?>? settings = null) =>
        Create(server.BaseAddress, apiKey, settings);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
