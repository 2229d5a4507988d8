using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Core.TwoFactor.Passkeys;

public class AdministratorPasskeyRuleTests
{
    private static async Task<(TwoFactorTestHost Host, PortalUser Admin, PortalUser User)> StartAsync()
    {
        var host = await TwoFactorTestHost.StartAsync();
        var admin = await host.CreateUserAsync("admin@example.com");
        var user = await host.CreateUserAsync("user@example.com");
        await using var scope = host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>().CreateAsync(new IdentityRole(PortalRoles.Administrator));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id))!, PortalRoles.Administrator);
        return (host, admin, user);
    }

    private static async Task<bool> MustAddAsync(TwoFactorTestHost host, PortalUser account)
    {
        await using var scope = host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await scope.ServiceProvider.GetRequiredService<AdministratorPasskeyRule>().MustAddPasskeyAsync((await users.FindByIdAsync(account.Id))!);
    }

    private static async Task SwitchAsync(TwoFactorTestHost host, bool required)
    {
        await using var scope = host.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new AdministratorPasskeySection(required), new SettingsActor(null, "test"));
        Assert.True(saved.Succeeded);
    }

    [Fact]
    public async Task Administrator_without_a_passkey_must_add_one_only_while_the_switch_is_on()
    {
        var (host, admin, user) = await StartAsync();
        await using var _ = host;

        Assert.False(await MustAddAsync(host, admin));
        await SwitchAsync(host, required: true);
        Assert.True(await MustAddAsync(host, admin));
        Assert.False(await MustAddAsync(host, user));
        await SwitchAsync(host, required: false);
        Assert.False(await MustAddAsync(host, admin));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("Work laptop", true)]
    [InlineData("A name that is much too long for a passkey, really far too long", false)]
    [InlineData("Tab\tname", false)]
    public void Passkey_names_are_checked_before_the_browser_is_asked(string name, bool accepted) =>
        Assert.Equal(accepted, PasskeyRegistry.NormalizeName(name, out _) is not null);
}
