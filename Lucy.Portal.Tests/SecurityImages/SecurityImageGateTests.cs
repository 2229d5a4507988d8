using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.SecurityImages;
using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.SecurityImages;

public class SecurityImageGateTests
{
    private const string Email = "user@lucy.test";
    private const string Address = "198.51.100.7";
    private static readonly SettingsActor Admin = new("admin-id", "admin@example.com", "10.0.0.1");

    [Fact]
    public async Task Required_from_the_nth_failure_of_an_account_and_not_before()
    {
        await using var host = await EnabledHostAsync(afterFailures: 3);

        await FailAsync(host, Email, "203.0.113.1");
        await FailAsync(host, Email, "203.0.113.2");
        Assert.False(await RequiredAsync(host, Email, "203.0.113.3"));

        await FailAsync(host, Email, "203.0.113.3");
        Assert.True(await RequiredAsync(host, Email, "203.0.113.4"));
        Assert.True(await RequiredAsync(host, Email.ToUpperInvariant(), null));
        Assert.False(await RequiredAsync(host, "other@lucy.test", "203.0.113.4"));
    }

    [Fact]
    public async Task Required_from_the_nth_failure_of_an_address_whatever_the_email()
    {
        await using var host = await EnabledHostAsync(afterFailures: 3);

        await FailAsync(host, "a@lucy.test", Address);
        await FailAsync(host, "b@lucy.test", Address);
        Assert.False(await RequiredAsync(host, null, Address));

        await FailAsync(host, "c@lucy.test", Address);
        Assert.True(await RequiredAsync(host, null, Address));
        Assert.True(await RequiredAsync(host, "d@lucy.test", Address));
        Assert.False(await RequiredAsync(host, "d@lucy.test", "198.51.100.8"));
    }

    [Fact]
    public async Task Failures_older_than_the_window_no_longer_count()
    {
        await using var host = await EnabledHostAsync(afterFailures: 2);
        await FailAsync(host, Email, Address);
        await FailAsync(host, Email, Address);
        Assert.True(await RequiredAsync(host, Email, Address));

        host.Time.Advance(SettingsDefaults.SecurityImageFailureWindow + TimeSpan.FromSeconds(1));

        Assert.False(await RequiredAsync(host, Email, Address));
    }

    [Fact]
    public async Task A_correct_password_ends_the_accounts_count_but_not_the_addresss()
    {
        await using var host = await EnabledHostAsync(afterFailures: 2);
        await FailAsync(host, Email, Address);
        await FailAsync(host, Email, Address);

        await host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<FailedPasswordLedger>().ClearAccountAsync(Email);
            return true;
        });

        Assert.False(await RequiredAsync(host, Email, "203.0.113.9"));
        Assert.True(await RequiredAsync(host, null, Address));
    }

    [Fact]
    public async Task Disabled_setting_never_asks_whatever_the_failures()
    {
        await using var host = new SecurityImageTestHost();
        for (var i = 0; i < 10; i++)
        {
            await FailAsync(host, Email, Address);
        }

        Assert.False(await RequiredAsync(host, Email, Address));
    }

    [Fact]
    public async Task Security_image_settings_are_validated_and_each_change_audited()
    {
        await using var host = new SecurityImageTestHost();
        var refused = await SaveAsync(host, new SecurityImageSection(true, 0));
        Assert.False(refused.Succeeded);
        Assert.Equal("Enter 1 to 100 failed attempts.", refused.ErrorFor(SettingsFields.SecurityImageAfterFailures));
        Assert.False((await CurrentAsync(host)).SecurityImageEnabled);

        Assert.True((await SaveAsync(host, new SecurityImageSection(true, 4))).Succeeded);

        var current = await CurrentAsync(host);
        Assert.True(current.SecurityImageEnabled);
        Assert.Equal(4, current.SecurityImageAfterFailures);
        var audit = await host.Services.GetRequiredService<AuditLog>().RecentAsync(10);
        Assert.All(audit, e => Assert.Equal(AuditEvents.SettingsChanged, e.Event));
        Assert.Equal(
            ["Failed attempts before the security image: 3 → 4", "Security image: off → on"],
            audit.Select(e => e.Detail).Order());
    }

    [Fact]
    public void Off_by_default_and_asked_from_the_third_failure_once_on()
    {
        Assert.False(AdvancedSettingsSnapshot.Defaults.SecurityImageEnabled);
        Assert.Equal(3, AdvancedSettingsSnapshot.Defaults.SecurityImageAfterFailures);
    }

    private static Task<SettingsResult> SaveAsync(SecurityImageTestHost host, SecurityImageSection section) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AdvancedSettingsService>().SaveAsync(section, Admin));

    private static Task<AdvancedSettingsSnapshot> CurrentAsync(SecurityImageTestHost host) =>
        host.InScopeAsync(sp => sp.GetRequiredService<AdvancedSettingsService>().GetAsync().AsTask());

    private static async Task<SecurityImageTestHost> EnabledHostAsync(int afterFailures)
    {
        var host = new SecurityImageTestHost();
        var saved = await host.InScopeAsync(sp =>
            sp.GetRequiredService<AdvancedSettingsService>().SaveAsync(new SecurityImageSection(true, afterFailures), Admin));
        Assert.True(saved.Succeeded);
        return host;
    }

    private static Task<bool> FailAsync(SecurityImageTestHost host, string? email, string? address) =>
        host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<FailedPasswordLedger>().RecordAsync(email, address);
            return true;
        });

    private static Task<bool> RequiredAsync(SecurityImageTestHost host, string? email, string? address) =>
        host.InScopeAsync(sp => sp.GetRequiredService<SecurityImageGate>().IsRequiredAsync(email, address));
}
