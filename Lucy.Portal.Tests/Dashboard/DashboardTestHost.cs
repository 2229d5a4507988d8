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
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.EnsureCreatedAsync();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in PortalRoles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        return new DashboardTestHost(host, directory, time);
    }

    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<PortalUser> AddUserAsync(string email, string role = PortalRoles.User, Action<PortalUser>? change = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, CreatedAt = Time.GetUtcNow() };
        change?.Invoke(user);
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>A user with 2FA on through the built-in authenticator (a confirmed seed) and <paramref name="unusedCodes"/> of 10 codes unused.</summary>
    public async Task<PortalUser> AddAuthenticatorUserAsync(string email, int unusedCodes = 10, string role = PortalRoles.User)
    {
        var user = await AddUserAsync(email, role, u => u.TwoFactorEnabled = true);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Set<AuthenticatorKey>().Add(new AuthenticatorKey { UserId = user.Id, ProtectedSeed = "seed", ConfirmedAt = Time.GetUtcNow() });
        await db.SaveChangesAsync();
        await AddRecoveryCodesAsync(user, total: 10, unused: unusedCodes);
        return user;
    }

    public async Task AddRecoveryCodesAsync(PortalUser user, int total, int unused)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        for (var i = 0; i < total; i++)
        {
            db.Set<RecoveryCode>().Add(new RecoveryCode
            {
                UserId = user.Id,
                Salt = new byte[16],
                Hash = new byte[32],
                CreatedAt = Time.GetUtcNow(),
                UsedAt = i < total - unused ? Time.GetUtcNow() : null,
            });
        }
        await db.SaveChangesAsync();
    }

    public async Task AuditAsync(DateTimeOffset at, string name, AuditOutcome outcome = AuditOutcome.Success, PortalUser? actor = null, string? ip = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEvents.Add(new AuditEvent { OccurredAt = at, Event = name, Outcome = outcome, ActorId = actor?.Id, ActorEmail = actor?.Email, IpAddress = ip });
        await db.SaveChangesAsync();
    }

    public async Task UseTimeZoneAsync(string timeZoneId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new DateTimeSection(timeZoneId, "dd.MM.yyyy HH:mm"), new SettingsActor("admin-id", "admin@example.com"));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
    }

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
