using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Settings;

public class FactoryResetTests
{
    private static Task<SettingsResult> ResetAsync(SettingsTestHost host, string? confirmation) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AdvancedSettingsService>().FactoryResetAsync(confirmation, host.Admin));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("reset")]
    [InlineData(" RESET")]
    public async Task Without_the_exact_confirmation_nothing_is_reset(string? confirmation)
    {
        await using var host = new SettingsTestHost();
        await host.SaveAsync(new LockoutSection(9, 60));

        var result = await ResetAsync(host, confirmation);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.ErrorFor(SettingsFields.Confirmation));
        Assert.Equal(9, (await host.GetAsync()).MaxFailedAccessAttempts);
    }

    [Fact]
    public async Task A_confirmed_reset_restores_every_default_and_keeps_the_users()
    {
        await using var host = new SettingsTestHost();
        await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            db.Users.Add(new PortalUser { UserName = "ada@example.com", Email = "ada@example.com", TwoFactorEnabled = true });
            return await db.SaveChangesAsync();
        });
        await host.SetKeyAsync(SettingsTestHost.ValidKey);
        await host.SaveAsync(new LockoutSection(9, 60));
        await host.SaveAsync(new DateTimeSection("Europe/Berlin", "dd.MM.yyyy HH:mm"));
        await host.SaveAsync(new ProxySection(true, "http://proxy.example.com:3128", "u", "p"));

        var result = await ResetAsync(host, "RESET");

        Assert.True(result.Succeeded);
        var settings = await host.GetAsync();
        Assert.Equal(AdvancedSettingsSnapshot.Defaults, settings with { UpdatedAt = null, UpdatedBy = null });
        var user = await host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Users.SingleAsync());
        Assert.Equal("ada@example.com", user.Email);
        Assert.True(user.TwoFactorEnabled);
        Assert.Contains(await host.AuditAsync(), e => e.Event == "settings.factory-reset" && e.Detail == "Authy API key: removed");
    }
}
