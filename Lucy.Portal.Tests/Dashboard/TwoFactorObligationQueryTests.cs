using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Dashboard;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Dashboard;

/// <summary>
/// The policy's counts in SQL (<see cref="TwoFactorObligationQuery"/>) against the rules evaluated user by user in
/// memory, as the impact counts and the deadline list did before: every mix of role, factors and clock, every
/// provider availability, several policies.
/// </summary>
public sealed class TwoFactorObligationQueryTests
{
    private static readonly TwoFactorPolicy[] Policies =
    [
        TwoFactorPolicy.Default,
        new(TwoFactorRequiredFor.Administrators, 3, 10, 5),
        new(TwoFactorRequiredFor.Administrators, 0, 7, 5),
        new(TwoFactorRequiredFor.Everyone, 10, 10, 5),
        new(TwoFactorRequiredFor.Everyone, 2, 9, 5),
        new(TwoFactorRequiredFor.Everyone, 0, 0, 5),
        new(TwoFactorRequiredFor.Off, 7, 3, 5),
    ];

    private static readonly ProviderAvailability[] ProviderStates = [new(false, false), new(true, false), new(false, true), new(true, true)];

    [Fact]
    public async Task Every_user_without_a_usable_factor_is_in_exactly_the_category_whose_grace_the_rules_give_them()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await SeedEveryMixAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        var query = scope.ServiceProvider.GetRequiredService<TwoFactorObligationQuery>();
        var facts = await scope.ServiceProvider.GetRequiredService<UserFactorFactsQuery>().AllAsync();

        foreach (var providers in ProviderStates)
        {
            foreach (var category in UserCategory.All)
            {
                var inSql = (await query.UsersIn([category], providers).Select(u => u.Id).ToListAsync()).Order().ToList();
                var inMemory = facts.Where(f => !providers.HasUsableFactor(f.Value)
                        && f.Value.IsAdministrator == category.Administrator && providers.IsStranded(f.Value) == category.Stranded)
                    .Select(f => f.Key).Order().ToList();
                Assert.True(inMemory.SequenceEqual(inSql), $"{providers} {category}: {inMemory.Count} in memory, {inSql.Count} in SQL");
                foreach (var policy in Policies)
                {
                    foreach (var id in inMemory)
                    {
                        Assert.Equal(TwoFactorPolicyRules.Grace(policy, facts[id], providers), TwoFactorObligationQuery.Grace(policy, providers, category));
                    }
                }
            }
            var usable = (await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users
                .Where(query.HoldsUsableFactor(providers)).Select(u => u.Id).ToListAsync()).Order();
            Assert.Equal(facts.Where(f => providers.HasUsableFactor(f.Value)).Select(f => f.Key).Order(), usable);
        }
    }

    [Fact]
    public async Task Impact_counts_and_the_deadline_list_match_the_rules_evaluated_for_every_user()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await SeedEveryMixAsync(host);

        foreach (var current in Policies)
        {
            await SavePolicyAsync(host, current);
            // The save started and stopped clocks; spread them out again so deadlines fall before, near and after now.
            await SpreadClocksAsync(host);
            await using var scope = host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var now = host.Time.GetUtcNow();
            var settings = await services.GetRequiredService<AdvancedSettingsCache>().GetAsync();
            var facts = await services.GetRequiredService<UserFactorFactsQuery>().AllAsync();
            var clocks = await services.GetRequiredService<PortalDbContext>().Set<TwoFactorClock>().AsNoTracking()
                .ToDictionaryAsync(c => c.UserId, c => c.RequiredSince);
            var emails = await services.GetRequiredService<PortalDbContext>().Users.ToDictionaryAsync(u => u.Id, u => u.Email ?? "");

            foreach (var proposed in Policies)
            {
                var expected = ImpactInMemory(settings, proposed, facts, clocks, now);
                Assert.Equal(expected, await services.GetRequiredService<TwoFactorPolicyImpact>().OfPolicyAsync(proposed));
            }
            foreach (var proposed in ProviderStates)
            {
                var expected = facts.Values.Count(u => settings.Providers.HasUsableFactor(u) && !proposed.HasUsableFactor(u));
                Assert.Equal(expected, await services.GetRequiredService<TwoFactorPolicyImpact>().StrandedByAsync(proposed));
            }

            var items = await ActivatorUtilities.CreateInstance<TwoFactorDeadlineAttention>(services).ReadAsync(now);
            var (overdue, soon) = DeadlinesInMemory(settings, facts, clocks, now);
            AssertItem(items, "twofactor-overdue", overdue, emails);
            AssertItem(items, "twofactor-deadline", soon, emails);
        }
    }

    private static void AssertItem(IReadOnlyList<AttentionItem> items, string key, List<(string Id, DateTimeOffset Deadline)> expected, Dictionary<string, string> emails)
    {
        var item = items.SingleOrDefault(i => i.Key == key);
        Assert.Equal(expected.Count, item?.Count ?? 0);
        var named = expected.OrderBy(u => u.Deadline).ThenBy(u => u.Id, StringComparer.Ordinal).Take(AttentionList.NamedAccounts)
            .Select(u => emails[u.Id]);
        Assert.Equal(named, item?.Accounts.Select(a => a.Email) ?? []);
    }

    /// <summary>The impact as it was computed before: every user's obligation before and after, in memory.</summary>
    private static PolicyImpact ImpactInMemory(
        AdvancedSettingsSnapshot current, TwoFactorPolicy proposed, Dictionary<string, UserFactorFacts> facts, Dictionary<string, DateTimeOffset> clocks, DateTimeOffset now)
    {
        int affected = 0, atNextLogin = 0;
        foreach (var (userId, user) in facts)
        {
            var since = clocks.TryGetValue(userId, out var s) ? s : now;
            var before = TwoFactorPolicyRules.Evaluate(current.TwoFactorPolicy, user, current.Providers, since, now);
            var sinceAfter = TwoFactorPolicyRules.Applies(current.TwoFactorPolicy, user, current.Providers) ? since : now;
            var after = TwoFactorPolicyRules.Evaluate(proposed, user, current.Providers, sinceAfter, now);
            if (before != after)
            {
                affected++;
                atNextLogin += after.Kind == TwoFactorObligationKind.Overdue ? 1 : 0;
            }
        }
        return new PolicyImpact(affected, atNextLogin);
    }

    /// <summary>The deadline list as it was computed before, in memory.</summary>
    private static (List<(string, DateTimeOffset)> Overdue, List<(string, DateTimeOffset)> Soon) DeadlinesInMemory(
        AdvancedSettingsSnapshot current, Dictionary<string, UserFactorFacts> facts, Dictionary<string, DateTimeOffset> clocks, DateTimeOffset now)
    {
        var overdue = new List<(string, DateTimeOffset)>();
        var soon = new List<(string, DateTimeOffset)>();
        foreach (var (userId, user) in facts)
        {
            var since = clocks.TryGetValue(userId, out var s) ? s : now;
            var obligation = TwoFactorPolicyRules.Evaluate(current.TwoFactorPolicy, user, current.Providers, since, now);
            if (obligation is { Kind: TwoFactorObligationKind.Overdue, Deadline: { } passed })
            {
                overdue.Add((userId, passed));
            }
            else if (obligation is { Kind: TwoFactorObligationKind.WithinGrace, Deadline: { } deadline } && deadline - now <= TwoFactorDeadlineAttention.Window)
            {
                soon.Add((userId, deadline));
            }
        }
        return (overdue, soon);
    }

    /// <summary>Administrators and users, each with every factor mix (including none and a provider's factor alone).</summary>
    private static async Task SeedEveryMixAsync(DashboardTestHost host)
    {
        var mixes = new (string Name, Action<PortalUser> Change, bool Authenticator, bool Passkey)[]
        {
            ("none", _ => { }, false, false),
            ("off-with-key", _ => { }, true, false),
            ("codes-only", u => u.TwoFactorEnabled = true, false, false),
            ("app", u => u.TwoFactorEnabled = true, true, false),
            ("authy", u => (u.TwoFactorEnabled, u.AuthyId) = (true, "4242"), false, false),
            ("verify", u => (u.TwoFactorEnabled, u.TwoFactorViaTwilioVerify) = (true, true), false, false),
            ("authy-verify", u => (u.TwoFactorEnabled, u.AuthyId, u.TwoFactorViaTwilioVerify) = (true, "4343", true), false, false),
            ("authy-app", u => (u.TwoFactorEnabled, u.AuthyId) = (true, "4444"), true, false),
            ("verify-passkey", u => (u.TwoFactorEnabled, u.TwoFactorViaTwilioVerify) = (true, true), false, true),
            ("passkey", u => u.TwoFactorEnabled = true, false, true),
            ("empty-authy", u => (u.TwoFactorEnabled, u.AuthyId) = (true, ""), false, false),
        };
        foreach (var role in new[] { PortalRoles.User, PortalRoles.Administrator })
        {
            foreach (var (name, change, authenticator, passkey) in mixes)
            {
                for (var copy = 0; copy < 3; copy++)
                {
                    var user = await host.AddUserAsync($"{name}-{copy}-{role}@example.com".ToLowerInvariant(), role, change);
                    if (authenticator)
                    {
                        await AddAuthenticatorKeyAsync(host, user);
                    }
                    if (passkey)
                    {
                        await AddPasskeyAsync(host, user, (byte)copy);
                    }
                }
            }
        }
    }

    /// <summary>Clocks at several distances from now (and some users without one), the same each time.</summary>
    private static async Task SpreadClocksAsync(DashboardTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = host.Time.GetUtcNow();
        var ids = await db.Users.OrderBy(u => u.Email).Select(u => u.Id).ToListAsync();
        double[] daysAgo = [-1, 0, 1, 2.5, 3, 5, 8, 9.5, 12, 40];
        await db.Set<TwoFactorClock>().ExecuteDeleteAsync();
        db.Set<TwoFactorClock>().AddRange(ids.Select((id, i) => (id, i))
            .Where(x => daysAgo[x.i % daysAgo.Length] >= 0)
            .Select(x => new TwoFactorClock { UserId = x.id, RequiredSince = now.AddDays(-daysAgo[x.i % daysAgo.Length]) }));
        await db.SaveChangesAsync();
    }

    private static async Task AddAuthenticatorKeyAsync(DashboardTestHost host, PortalUser user)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Set<Lucy.Portal.Core.TwoFactor.AuthenticatorKey>().Add(new() { UserId = user.Id, ProtectedSeed = "seed" });
        await db.SaveChangesAsync();
        await DashboardData.SyncFactorCountersAsync(db);
    }

    private static async Task AddPasskeyAsync(DashboardTestHost host, PortalUser user, byte n)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        var passkey = new UserPasskeyInfo([n, .. Guid.NewGuid().ToByteArray()], [5, 6, 7, 8], host.Time.GetUtcNow(), 0, ["internal"], true, false, false, [9], [10]);
        Assert.True((await users.AddOrUpdatePasskeyAsync(stored, passkey)).Succeeded);
    }

    private static async Task SavePolicyAsync(DashboardTestHost host, TwoFactorPolicy policy)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new TwoFactorPolicySection(policy), new SettingsActor("test", "admin@example.com"));
        Assert.True(saved.Succeeded || policy == TwoFactorPolicy.Default);
    }
}
