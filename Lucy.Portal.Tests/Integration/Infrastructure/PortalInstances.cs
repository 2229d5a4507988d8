using System.Net;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>
/// Two real portal processes on one SQLite file, as two instances behind a load balancer: they share the database
/// and, through it, the Data Protection key ring, and nothing else.
/// </summary>
public sealed class PortalInstances : IAsyncDisposable
{
    private readonly string _databasePath = TempSqliteFile.NewPath("instances");
    private readonly List<PortalProcess> _instances = [];

    private PortalInstances()
    {
    }

    public PortalProcess A => _instances[0];
    public PortalProcess B => _instances[1];

    public string DatabasePath => _databasePath;

    /// <summary>
    /// Starts instance A, lets it migrate the new file and create the key ring, then starts B on the same file.
    /// </summary>
    public static async Task<PortalInstances> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var instances = new PortalInstances();
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["Database__Provider"] = "Sqlite",
                ["Database__SqlitePath"] = instances._databasePath,
                // Tests post far more often than a person; the per-address limit is not under test here.
                ["RateLimits__SignInPerMinute"] = "100000",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                environment[key] = value;
            }
            instances._instances.Add(await PortalProcess.StartAsync("A", environment));
            // The first page with a form makes A create the shared key ring before B starts.
            using (var warmUp = instances.CreateSession(instances.A))
            {
                (await warmUp.GetAsync("/setup")).Dispose();
                (await warmUp.GetAsync("/Account/Login")).Dispose();
            }
            instances._instances.Add(await PortalProcess.StartAsync("B", environment));
            return instances;
        }
        catch
        {
            await instances.DisposeAsync();
            throw;
        }
    }

    /// <summary>A browser talking to one instance, with a cookie jar of its own (or one shared with another session).</summary>
    public PortalSession CreateSession(PortalProcess instance, CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
        };
        return new PortalSession(new HttpClient(handler) { BaseAddress = instance.BaseAddress, Timeout = TimeSpan.FromSeconds(60) });
    }

    /// <summary>What both instances wrote, for assertion messages.</summary>
    public string Output => string.Concat(_instances.Select(i => i.Output));

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
        TempSqliteFile.Delete(_databasePath);
    }
}
