using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Administration;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Lucy.Portal.Tests.Dashboard;

/// <summary>
/// The factor counters on the user row (<see cref="UserFactorCounters"/>) stay equal to the factor tables after every
/// kind of change the seam makes, under concurrent use from long-lived scopes, and after the migration's backfill.
/// </summary>
public sealed class UserFactorCounterTests
{
    [Fact]
    public async Task Counters_follow_enrolment_code_use_regeneration_removal_reset_and_provider_clearing()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var admin = await host.AddUserAsync("admin@example.com", PortalRoles.Administrator);
        var user = await host.AddUserAsync("ada@example.com");
        await AssertCountersAsync(host, user.Id, unused: 0, authenticator: false);

        await EnrolAuthenticatorAsync(host, user.Id);
        await AssertCountersAsync(host, user.Id, unused: 0, authenticator: true);

        var codes = await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().ReplaceAsync(u));
        await AssertCountersAsync(host, user.Id, unused: 10, authenticator: true);

        Assert.Equal(RecoveryCodeRedemption.Redeemed, await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().RedeemAsync(u, codes[0])));
        await AssertCountersAsync(host, user.Id, unused: 9, authenticator: true);
        Assert.Equal(RecoveryCodeRedemption.Refused, await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().RedeemAsync(u, codes[0])));
        Assert.Equal(RecoveryCodeRedemption.Refused, await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().RedeemAsync(u, "not-a-code")));
        await AssertCountersAsync(host, user.Id, unused: 9, authenticator: true);

        await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().ReplaceAsync(u, 3));
        await AssertCountersAsync(host, user.Id, unused: 3, authenticator: true);

        // An administrator's Reset 2FA removes every factor and code.
        var reset = await WithUserAsync(host, admin.Id, (sp, a) => sp.GetRequiredService<TwoFactorReset>().ResetAsync(user.Id, "ada@example.com", a));
        Assert.Equal(AdministratorActionStatus.Done, reset.Status);
        await AssertCountersAsync(host, user.Id, unused: 0, authenticator: false);

        // The user's own removal, one factor at a time.
        await EnrolAuthenticatorAsync(host, user.Id);
        await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().ReplaceAsync(u));
        await AssertCountersAsync(host, user.Id, unused: 10, authenticator: true);
        Assert.True(await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<AuthenticatorEnrollment>().RemoveAsync(u)));
        await AssertCountersAsync(host, user.Id, unused: 10, authenticator: false);
        await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().RemoveAllAsync(u));
        await AssertCountersAsync(host, user.Id, unused: 0, authenticator: false);
    }

    [Fact]
    public async Task A_provider_switch_clearing_a_stranded_user_zeroes_their_codes()
    {
        await using var host = await DashboardTestHost.StartAsync();
        // Authy without a key configured: the user's only factor is gone, recovery codes alone still work.
        var user = await host.AddUserAsync("stranded@example.com", change: u => (u.TwoFactorEnabled, u.AuthyId) = (true, "4242"));
        await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().ReplaceAsync(u));
        await AssertCountersAsync(host, user.Id, unused: 10, authenticator: false);

        Assert.True(await WithUserAsync(host, user.Id, (sp, u) => sp.GetRequiredService<StrandedFactorRetirement>().RetireAsync(u, ipAddress: null)));

        await AssertCountersAsync(host, user.Id, unused: 0, authenticator: false);
    }

    [Fact]
    public async Task Two_codes_used_at_once_from_two_long_lived_scopes_leave_the_right_count_even_after_each_scope_saves_its_stale_user()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var created = await host.AddUserAsync("ada@example.com", change: u => u.TwoFactorEnabled = true);
        var codes = await WithUserAsync(host, created.Id, (sp, u) => sp.GetRequiredService<RecoveryCodeStore>().ReplaceAsync(u));

        // Two live circuits: each keeps one scope, one DbContext and its tracked copy of the user (counter read as 10).
        await using var first = host.Services.CreateAsyncScope();
        await using var second = host.Services.CreateAsyncScope();
        var firstUsers = first.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var secondUsers = second.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var firstUser = (await firstUsers.FindByIdAsync(created.Id))!;
        var secondUser = (await secondUsers.FindByIdAsync(created.Id))!;

        var used = await Task.WhenAll(
            Task.Run(() => firstUsers.RedeemTwoFactorRecoveryCodeAsync(firstUser, codes[0])),
            Task.Run(() => secondUsers.RedeemTwoFactorRecoveryCodeAsync(secondUser, codes[1])));

        Assert.All(used, r => Assert.True(r.Succeeded));
        await AssertCountersAsync(host, created.Id, unused: 8, authenticator: false);
        // Identity's UpdateAsync marks every property of the stale tracked user modified: the counter must not go back.
        await firstUsers.UpdateAsync(firstUser);
        await AssertCountersAsync(host, created.Id, unused: 8, authenticator: false);
        await secondUsers.UpdateAsync(secondUser);
        await AssertCountersAsync(host, created.Id, unused: 8, authenticator: false);

        Assert.True((await firstUsers.RedeemTwoFactorRecoveryCodeAsync(firstUser, codes[2])).Succeeded);
        await AssertCountersAsync(host, created.Id, unused: 7, authenticator: false);
    }

    [Fact]
    public async Task The_DashboardCounters_migration_fills_the_counters_of_existing_users_from_their_codes_and_keys()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connection).Options);
        var migrations = db.Database.GetMigrations().ToList();
        var counters = migrations.FindIndex(m => m.EndsWith("_DashboardCounters", StringComparison.Ordinal));
        Assert.True(counters > 0);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[counters - 1]);

        foreach (var id in new[] { "ada", "bob", "cy" })
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO AspNetUsers (Id, UserName, Email, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled,
                  AccessFailedCount, MustChangePassword, CreatedAt, ConsecutiveFailures, TwoFactorViaTwilioVerify)
                VALUES ({id}, {id}, {id}, 1, 0, 1, 1, 0, 0, 0, 0, 0)
                """);
        }
        // Ada: a confirmed authenticator and 3 codes, one used. Bob: only a pending seed, all codes used. Cy: nothing.
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO AuthenticatorKeys (UserId, ProtectedSeed, PendingProtectedSeed, LastAcceptedStep) VALUES ('ada', 'seed', NULL, 0), ('bob', NULL, 'pending', 0);
            INSERT INTO RecoveryCodes (UserId, Salt, Hash, CreatedAt, UsedAt) VALUES
              ('ada', x'00', x'01', 0, NULL), ('ada', x'00', x'02', 0, NULL), ('ada', x'00', x'03', 0, 5),
              ('bob', x'00', x'04', 0, 5);
            """);

        await migrator.MigrateAsync();

        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => new { u.Id, Unused = EF.Property<int>(u, UserFactorCounters.UnusedRecoveryCodes), App = EF.Property<bool>(u, UserFactorCounters.AuthenticatorConfirmed) })
            .ToListAsync();
        Assert.Equal([new { Id = "ada", Unused = 2, App = true }, new { Id = "bob", Unused = 0, App = false }, new { Id = "cy", Unused = 0, App = false }], rows);
    }

    [Fact]
    public void The_SQL_Server_backfill_is_valid_tsql()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(UserFactorCounterBackfill.SqlServer);

        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    private static async Task EnrolAuthenticatorAsync(DashboardTestHost host, string userId)
    {
        await WithUserAsync(host, userId, async (sp, user) =>
        {
            var enrollment = sp.GetRequiredService<AuthenticatorEnrollment>();
            var setup = await enrollment.StartAsync(user);
            var seed = Base32.Decode(setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal))!;
            var code = TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(host.Time.GetUtcNow()));
            Assert.Equal(AuthenticatorConfirmation.Confirmed, await enrollment.ConfirmAsync(user, code));
            return true;
        });
        // The next enrolment's code must come from a later step (a step is accepted once).
        host.Time.Advance(TimeSpan.FromSeconds(30));
    }

    private static async Task<T> WithUserAsync<T>(DashboardTestHost host, string userId, Func<IServiceProvider, PortalUser, Task<T>> use)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!;
        return await use(scope.ServiceProvider, user);
    }

    /// <summary>The counters hold the expected values and agree with the factor tables themselves.</summary>
    private static async Task AssertCountersAsync(DashboardTestHost host, string userId, int unused, bool authenticator)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { Unused = EF.Property<int>(u, UserFactorCounters.UnusedRecoveryCodes), App = EF.Property<bool>(u, UserFactorCounters.AuthenticatorConfirmed) })
            .SingleAsync();
        var truth = new
        {
            Unused = await db.Set<RecoveryCode>().CountAsync(c => c.UserId == userId && c.UsedAt == null),
            App = await db.Set<AuthenticatorKey>().AnyAsync(k => k.UserId == userId && k.ProtectedSeed != null),
        };
        Assert.Equal(new { Unused = unused, App = authenticator }, truth);
        Assert.Equal(truth, stored);
    }
}
