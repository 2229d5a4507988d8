using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Extensions;
using Lucy.Portal.Middleware;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lucy.Portal.Tests.Integration.Startup;

/// <summary>
/// The database's part of the start (DatabaseStartup) and the gate that holds requests until it is done
/// (StartupGate): the schema, the stored keys, the key ring, the roles all done when the start ends, and a failure
/// failing the start (issue 15, cold start).
/// </summary>
public sealed class DatabaseStartupTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lucy-startup-" + Guid.NewGuid().ToString("N"));
    private readonly List<IHost> _hosts = [];

    public DatabaseStartupTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task When_the_start_ends_the_schema_the_key_ring_and_the_roles_are_ready()
    {
        var host = Host(Path.Combine(_directory, "portal.db"));
        var startup = Startup(host);

        await startup.StartingAsync(CancellationToken.None);
        await startup.StartedAsync(CancellationToken.None);

        Assert.True(startup.Ready.IsCompletedSuccessfully);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // The key ring was loaded from the new database before any request: loading it created the first key.
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        var roles = await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().Roles.Select(r => r.Name).ToListAsync();
        Assert.Equal(PortalRoles.All.Order(), roles.Order());
    }

    [Fact]
    public async Task The_portal_loads_the_key_ring_through_this_start_not_through_data_protections_own_start_up_service()
    {
        await using var portal = new PortalFactory();
        var hosted = portal.Services.GetServices<IHostedService>().Select(service => service.GetType().FullName).ToList();

        Assert.Contains(typeof(DatabaseStartup).FullName, hosted);
        // Data Protection's own service would read the key ring while the schema may still be migrating.
        Assert.DoesNotContain(hosted, name => name!.StartsWith("Microsoft.AspNetCore.DataProtection.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_restart_the_initializer_knows_an_administrator_exists_without_asking_again()
    {
        var path = Path.Combine(_directory, "portal.db");
        var first = Host(path, new() { ["FirstAdministrator:Email"] = "admin@lucy.test", ["FirstAdministrator:Password"] = "correct horse battery staple" });
        var startup = Startup(first);
        await startup.StartingAsync(CancellationToken.None);
        await startup.StartedAsync(CancellationToken.None);
        Assert.True(await first.Services.GetRequiredService<AdministratorPresence>().ExistsAsync());

        // On a restart the initializer's roles query already tells that someone holds the administrator role.
        var restart = Host(path);
        await using (var scope = restart.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        }
        Assert.True(restart.Services.GetRequiredService<AdministratorPresence>().IsKnown);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_fails_the_start_and_the_gate_answers_503()
    {
        // A file that is no SQLite database where the database should be.
        var path = Path.Combine(_directory, "portal.db");
        await File.WriteAllTextAsync(path, new string('x', 8192));
        var startup = Startup(Host(path));

        await startup.StartingAsync(CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => startup.StartedAsync(CancellationToken.None));
        Assert.True(startup.Ready.IsFaulted);

        var (context, passed) = await ThroughGateAsync(startup);
        Assert.False(passed);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
    }

    [Fact]
    public async Task The_gate_holds_a_request_until_the_database_is_ready()
    {
        var startup = Startup(Host(Path.Combine(_directory, "portal.db")));
        var passed = false;
        var gate = new StartupGate(_ => { passed = true; return Task.CompletedTask; }, startup);

        var request = gate.InvokeAsync(new DefaultHttpContext());
        await Task.Delay(100);
        Assert.False(request.IsCompleted);
        Assert.False(passed);

        await startup.StartingAsync(CancellationToken.None);
        await startup.StartedAsync(CancellationToken.None);
        await request.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(passed);
    }

    private static async Task<(HttpContext Context, bool Passed)> ThroughGateAsync(DatabaseStartup startup)
    {
        var passed = false;
        var context = new DefaultHttpContext();
        await new StartupGate(_ => { passed = true; return Task.CompletedTask; }, startup).InvokeAsync(context);
        return (context, passed);
    }

    private static DatabaseStartup Startup(IHost host) =>
        new(host.Services.GetRequiredService<IServiceScopeFactory>(), host.Services.GetRequiredService<IKeyRingProvider>(),
            NullLogger<DatabaseStartup>.Instance);

    private IHost Host(string databasePath, Dictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = _directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProviders.Sqlite,
            ["Database:SqlitePath"] = databasePath,
        });
        builder.Configuration.AddInMemoryCollection(TestKeyRingCertificates.DefaultSettings);
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddLucyCore();
        var host = builder.Build();
        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the system.
        }
    }
}
