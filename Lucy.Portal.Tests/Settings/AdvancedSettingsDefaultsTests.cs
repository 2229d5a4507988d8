using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Settings;

public class AdvancedSettingsDefaultsTests
{
    [Fact]
    public async Task A_fresh_installation_has_the_documented_defaults()
    {
        await using var host = new SettingsTestHost();

        var settings = await host.GetAsync();

        Assert.Equal(TwoFactorProviderKind.BuiltInAuthenticator, settings.TwoFactorProvider);
        Assert.Null(settings.MaskedAuthyApiKey);
        Assert.Equal("UTC", settings.TimeZoneId);
        Assert.Equal("yyyy-MM-dd HH:mm", settings.DateFormat);
        Assert.False(settings.ProxyEnabled);
        Assert.Equal(12, settings.PasswordMinimumLength);
        Assert.Equal(0, settings.PasswordRotationDays);
        Assert.Null(settings.PasswordRotation);
        Assert.Equal(5, settings.MaxFailedAccessAttempts);
        Assert.Equal(5, settings.LockoutMinutes);
        Assert.True(settings.RememberDeviceAllowed);
        Assert.Equal(30, settings.RememberDeviceDays);
        Assert.False(settings.UsesAuthy);
    }

    [Fact]
    public async Task By_default_no_Authy_key_is_given_out_so_no_login_information_leaves_the_system()
    {
        await using var host = new SettingsTestHost();

        var key = await host.Services.GetRequiredService<IAuthyApiKeySource>().GetApiKeyAsync();

        Assert.Null(key);
    }

    [Fact]
    public async Task By_default_outbound_calls_use_no_proxy()
    {
        await using var host = new SettingsTestHost();

        Assert.Null(host.Services.GetRequiredService<IOutboundProxySource>().Current);
    }

    [Fact]
    public void Snapshot_applies_password_length_and_lockout_to_Identity_options()
    {
        var options = new IdentityOptions();
        var settings = AdvancedSettingsSnapshot.Defaults with { PasswordMinimumLength = 16, MaxFailedAccessAttempts = 3, LockoutMinutes = 30 };

        settings.ApplyTo(options);

        Assert.Equal(16, options.Password.RequiredLength);
        Assert.Equal(3, options.Lockout.MaxFailedAccessAttempts);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Lockout.DefaultLockoutTimeSpan);
    }

    [Fact]
    public void Remember_device_duration_is_null_when_remembering_is_not_allowed()
    {
        Assert.Equal(TimeSpan.FromDays(30), AdvancedSettingsSnapshot.Defaults.RememberDeviceDuration);
        Assert.Null((AdvancedSettingsSnapshot.Defaults with { RememberDeviceAllowed = false }).RememberDeviceDuration);
    }

    [Fact]
    public void Sessions_last_twelve_hours_at_most_and_thirty_minutes_idle_by_default()
    {
        Assert.Equal(TimeSpan.FromHours(12), AdvancedSettingsSnapshot.Defaults.SessionAbsoluteLifetime);
        Assert.Equal(TimeSpan.FromMinutes(30), AdvancedSettingsSnapshot.Defaults.SessionIdleTimeout);
    }
}
