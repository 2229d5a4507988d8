using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Dashboard;

/// <summary>Rows straight into the tables the dashboard reads, so each test states its data in a few lines.</summary>
internal sealed class DashboardData(IServiceProvider services, TimeProvider time)
{
    /// <summary>Creates the schema (from the model) and the two roles.</summary>
    public async Task CreateSchemaAsync()
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.EnsureCreatedAsync();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
    }

    public async Task<PortalUser> AddUserAsync(string email, string role = PortalRoles.User, Action<PortalUser>? change = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, CreatedAt = time.GetUtcNow() };
        change?.Invoke(user);
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>A user with 2FA on through the built-in authenticator (a confirmed seed) and <paramref name="unusedCodes"/> of 10 codes unused.</summary>
    public async Task<PortalUser> AddAuthenticatorUserAsync(string email, int unusedCodes = 10, string role = PortalRoles.User)
    {
        var user = await AddUserAsync(email, role, u => u.TwoFactorEnabled = true);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Set<AuthenticatorKey>().Add(new AuthenticatorKey { UserId = user.Id, ProtectedSeed = "seed", ConfirmedAt = time.GetUtcNow() });
        await db.SaveChangesAsync();
        await SyncFactorCountersAsync(db);
        await AddRecoveryCodesAsync(user, total: 10, unused: unusedCodes);
        return user;
    }

    public async Task AddRecoveryCodesAsync(PortalUser user, int total, int unused)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        for (var i = 0; i < total; i++)
        {
            db.Set<RecoveryCode>().Add(new RecoveryCode
            {
                UserId = user.Id,
                Salt = new byte[16],
                Hash = new byte[32],
                CreatedAt = time.GetUtcNow(),
                UsedAt = i < total - unused ? time.GetUtcNow() : null,
            });
        }
        await db.SaveChangesAsync();
        await SyncFactorCountersAsync(db);
    }

    /// <summary>
    /// Rows written straight into the factor tables bypass the seam that keeps the user row's counters: recount them
    /// the way the DashboardCounters migration does for existing users.
    /// </summary>
    public static Task SyncFactorCountersAsync(PortalDbContext db) => db.Database.ExecuteSqlRawAsync(UserFactorCounterBackfill.Sqlite);

    public async Task AuditAsync(DateTimeOffset at, string name, AuditOutcome outcome = AuditOutcome.Success, PortalUser? actor = null, string? ip = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEvents.Add(new AuditEvent { OccurredAt = at, Event = name, Outcome = outcome, ActorId = actor?.Id, ActorEmail = actor?.Email, IpAddress = ip });
        await db.SaveChangesAsync();
    }

    public async Task UseTimeZoneAsync(string timeZoneId)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new DateTimeSection(timeZoneId, "dd.MM.yyyy HH:mm"), new SettingsActor("admin-id", "admin@example.com"));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
    }
}
