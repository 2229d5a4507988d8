using Lucy.Portal.Core.Dashboard;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Dashboard;

public sealed class TwoFactorDeadlineAttentionTests
{
    [Fact]
    public async Task Users_whose_deadline_passes_within_seven_days_and_those_past_it_are_listed_apart()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var now = host.Time.GetUtcNow();
        var soon = await host.AddUserAsync("soon@example.com");
        var overdue = await host.AddUserAsync("overdue@example.com");
        var later = await host.AddUserAsync("later@example.com");
        var enrolled = await host.AddAuthenticatorUserAsync("enrolled@example.com");
        await SavePolicyAsync(host, new TwoFactorPolicy(TwoFactorRequiredFor.Everyone, AdministratorGraceDays: 10, EveryoneGraceDays: 10, StepUpMinutes: 5));
        await SetClocksAsync(host, (soon.Id, now.AddDays(-5)), (overdue.Id, now.AddDays(-11)), (later.Id, now.AddDays(-1)), (enrolled.Id, now.AddDays(-30)));

        var items = await host.WithAsync<AttentionList, IReadOnlyList<AttentionItem>>(a => a.ReadAsync());

        var past = Assert.Single(items, i => i.Key == "twofactor-overdue");
        Assert.Equal(["overdue@example.com"], past.Accounts.Select(a => a.Email));
        var near = Assert.Single(items, i => i.Key == "twofactor-deadline");
        Assert.Equal(["soon@example.com"], near.Accounts.Select(a => a.Email));
        Assert.Equal(1, near.Count);

        host.Time.Advance(TimeSpan.FromDays(6));
        var nextWeek = await host.WithAsync<AttentionList, IReadOnlyList<AttentionItem>>(a => a.ReadAsync());
        Assert.Equal(["later@example.com"], Assert.Single(nextWeek, i => i.Key == "twofactor-deadline").Accounts.Select(a => a.Email));
        Assert.Equal(["overdue@example.com", "soon@example.com"], Assert.Single(nextWeek, i => i.Key == "twofactor-overdue").Accounts.Select(a => a.Email));
    }

    [Fact]
    public async Task With_the_policy_off_nobody_is_listed()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var user = await host.AddUserAsync("plain@example.com");
        await SetClocksAsync(host, (user.Id, host.Time.GetUtcNow().AddDays(-30)));

        var items = await host.WithAsync<AttentionList, IReadOnlyList<AttentionItem>>(a => a.ReadAsync());

        Assert.DoesNotContain(items, i => i.Key.StartsWith("twofactor-", StringComparison.Ordinal));
    }

    private static async Task SavePolicyAsync(DashboardTestHost host, TwoFactorPolicy policy)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new TwoFactorPolicySection(policy), new SettingsActor("test", "admin@example.com"));
        Assert.True(saved.Succeeded);
    }

    private static async Task SetClocksAsync(DashboardTestHost host, params (string UserId, DateTimeOffset Since)[] clocks)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Set<TwoFactorClock>().ExecuteDeleteAsync();
        db.Set<TwoFactorClock>().AddRange(clocks.Select(c => new TwoFactorClock { UserId = c.UserId, RequiredSince = c.Since }));
        await db.SaveChangesAsync();
    }
}
