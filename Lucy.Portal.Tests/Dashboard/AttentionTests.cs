using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Dashboard;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Dashboard;

public sealed class AttentionTests
{
    [Fact]
    public async Task Locked_now_counts_a_running_lockout_but_not_an_expired_one()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var now = host.Time.GetUtcNow();
        await host.AddUserAsync("locked@example.com", change: u => u.LockoutEnd = now.AddMinutes(3));
        await host.AddUserAsync("forever@example.com", change: u => u.LockoutEnd = DateTimeOffset.MaxValue);
        await host.AddUserAsync("expired@example.com", change: u => u.LockoutEnd = now.AddSeconds(-1));
        await host.AddUserAsync("never@example.com");

        var item = Assert.Single(await host.WithAsync<AttentionList, IReadOnlyList<AttentionItem>>(a => a.ReadAsync()));

        Assert.Equal("locked", item.Key);
        Assert.Equal(2, item.Count);
        Assert.Equal(["forever@example.com", "locked@example.com"], item.Accounts.Select(a => a.Email));
        Assert.Equal("users", item.FixHref);

        host.Time.Advance(TimeSpan.FromMinutes(4));
        var later = Assert.Single(await host.WithAsync<AttentionList, IReadOnlyList<AttentionItem>>(a => a.ReadAsync()));
        Assert.Equal(["forever@example.com"], later.Accounts.Select(a => a.Email));
    }

    [Fact]
    public async Task Users_with_two_or_fewer_unused_recovery_codes_are_listed()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await host.AddAuthenticatorUserAsync("two-left@example.com", unusedCodes: 2);
        await host.AddAuthenticatorUserAsync("three-left@example.com", unusedCodes: 3);
        await host.AddAuthenticatorUserAsync("none-left@example.com", unusedCodes: 0);
        await host.AddUserAsync("no-codes-at-all@example.com", change: u => u.TwoFactorEnabled = true);
        await host.AddUserAsync("no-2fa@example.com");

        var item = Assert.Single(await host.WithAsync<AttentionList, IReadOnlyList<AttentionItem>>(a => a.ReadAsync()));

        Assert.Equal("recovery-codes", item.Key);
        Assert.Equal(["no-codes-at-all@example.com", "none-left@example.com", "two-left@example.com"], item.Accounts.Select(a => a.Email));
        Assert.Equal(3, item.Count);
    }

    [Fact]
    public async Task An_extra_attention_source_is_one_registration()
    {
        await using var host = await DashboardTestHost.StartAsync(configure: services => services.AddAttentionSource<DeadlineSoon>());

        var item = Assert.Single(await host.WithAsync<AttentionList, IReadOnlyList<AttentionItem>>(a => a.ReadAsync()));

        Assert.Equal("deadline", item.Key);
    }

    [Fact]
    public async Task Coverage_is_split_by_method_and_names_administrators_without_2fa()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await host.AddAuthenticatorUserAsync("app@example.com");
        await host.AddAuthenticatorUserAsync("admin-app@example.com", role: PortalRoles.Administrator);
        await host.AddUserAsync("authy@example.com", change: u => (u.TwoFactorEnabled, u.AuthyId) = (true, "123456"));
        await host.AddUserAsync("verify@example.com", change: u => (u.TwoFactorEnabled, u.TwoFactorViaTwilioVerify) = (true, true));
        await AddPasskeyAsync(host, await host.AddUserAsync("passkey@example.com", change: u => u.TwoFactorEnabled = true));
        await host.AddUserAsync("plain@example.com");
        await host.AddUserAsync("zed-admin@example.com", PortalRoles.Administrator);
        await host.AddUserAsync("ada-admin@example.com", PortalRoles.Administrator);

        var coverage = await host.WithAsync<TwoFactorCoverage, CoverageFigures>(c => c.ReadAsync());

        Assert.Equal((8, 5, 3, 62), (coverage.Users, coverage.WithTwoFactor, coverage.WithoutTwoFactor, coverage.Percent));
        Assert.Equal([("Authenticator app", 2), ("Authy", 1), ("Twilio Verify", 1), ("Passkey", 1)], coverage.ByMethod.Select(m => (m.Method, m.Users)));
        Assert.Equal(2, coverage.AdministratorsWithoutTwoFactor);
        Assert.Equal(["ada-admin@example.com", "zed-admin@example.com"], coverage.NamedAdministratorsWithoutTwoFactor.Select(a => a.Email));
    }

    private static async Task AddPasskeyAsync(DashboardTestHost host, PortalUser user)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        var passkey = new UserPasskeyInfo([1, 2, 3, 4], [5, 6, 7, 8], host.Time.GetUtcNow(), 0, ["internal"], true, false, false, [9], [10]);
        Assert.True((await users.AddOrUpdatePasskeyAsync(stored, passkey)).Succeeded);
    }

    private sealed class DeadlineSoon : IAttentionSource
    {
        public Task<IReadOnlyList<AttentionItem>> ReadAsync(DateTimeOffset now, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<AttentionItem>>([new AttentionItem("deadline", AttentionSeverity.Warning, "2FA deadline in 7 days", "users", "Users")]);
    }
}
