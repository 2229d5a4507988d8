using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Dashboard;

/// <summary>
/// AddLucyCore over a throwaway SQLite file with a fake clock, and seeding straight into the tables the dashboard
/// reads (users, roles, authenticator keys, recovery codes, audit rows), so each test states its data in a few lines.
/// </summary>
internal sealed class DashboardTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private readonly IHost host;
    private readonly string directory;

    private DashboardTestHost(IHost host, string directory, FakeTimeProvider time)
    {
        this.host = host;
        this.directory = directory;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => host.Services;

    public static async Task<DashboardTestHost> StartAsync(DateTimeOffset? now = null, Action<IServiceCollection>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "lucy-dashboard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var time = new FakeTimeProvider(now ?? DefaultNow);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProviders.Sqlite,
            ["Database:SqlitePath"] = Path.Combine(directory, "portal.db"),
        });
        builder.Configuration.AddInMemoryCollection(TestKeyRingCertificates.DefaultSettings);
        builder.Services.AddSingleton<TimeProvider>(time);
        configure?.Invoke(builder.Services);
        builder.AddLucyCore();
        var host = builder.Build();
        await new DashboardData(host.Services, time).CreateSchemaAsync();
        return new DashboardTestHost(host, directory, time);
    }

    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public DashboardData Data => new(host.Services, Time);

    public Task<PortalUser> AddUserAsync(string email, string role = PortalRoles.User, Action<PortalUser>? change = null) =>
        Data.AddUserAsync(email, role, change);

    public Task<PortalUser> AddAuthenticatorUserAsync(string email, int unusedCodes = 10, string role = PortalRoles.User) =>
        Data.AddAuthenticatorUserAsync(email, unusedCodes, role);

    public Task AuditAsync(DateTimeOffset at, string name, AuditOutcome outcome = AuditOutcome.Success, PortalUser? actor = null, string? ip = null) =>
        Data.AuditAsync(at, name, outcome, actor, ip);

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned eventually.
        }
    }
}
