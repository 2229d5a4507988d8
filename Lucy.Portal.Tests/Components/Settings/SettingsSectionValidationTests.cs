using Bunit;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Components.Settings;

public class SettingsSectionValidationTests : SettingsComponentTestBase
{
    [Fact]
    public async Task Lockout_section_refuses_zero_attempts_next_to_the_field_and_saves_nothing()
    {
        var cut = RenderSection<LockoutSettingsSection>();

        ChangeInput(cut, "settings-lockout-attempts", "0");
        Click(cut, "settings-lockout-save");

        cut.WaitForAssertion(() => Assert.Contains("Enter 1 to 100 attempts.", cut.Markup));
        Assert.Equal(5, (await StoredSettingsAsync()).MaxFailedAccessAttempts);
    }

    [Fact]
    public async Task Lockout_section_saves_values_in_range()
    {
        var cut = RenderSection<LockoutSettingsSection>();

        ChangeInput(cut, "settings-lockout-minutes", "30");
        Click(cut, "settings-lockout-save");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=settings-lockout-save-done]")));
        Assert.Equal(30, (await StoredSettingsAsync()).LockoutMinutes);
    }

    [Fact]
    public async Task Password_section_refuses_a_minimum_below_eight()
    {
        var cut = RenderSection<PasswordSettingsSection>();

        ChangeInput(cut, "settings-password-min", "7");
        Click(cut, "settings-password-save");

        cut.WaitForAssertion(() => Assert.Contains("Enter 8 to 128 characters.", cut.Markup));
        Assert.Equal(12, (await StoredSettingsAsync()).PasswordMinimumLength);
    }

    [Fact]
    public void Password_section_explains_that_NIST_advises_against_rotation()
    {
        var cut = RenderSection<PasswordSettingsSection>();

        Assert.Contains("advises against forced periodic password changes", cut.Markup);
    }

    [Fact]
    public async Task Session_section_refuses_an_absolute_lifetime_over_24_hours()
    {
        var cut = RenderSection<SessionSettingsSection>();

        ChangeInput(cut, "settings-session-absolute", "25");
        Click(cut, "settings-session-save");

        cut.WaitForAssertion(() => Assert.Contains("Enter 1 to 24 hours.", cut.Markup));
        Assert.Equal(12, (await StoredSettingsAsync()).SessionAbsoluteHours);
    }

    [Fact]
    public async Task Session_section_saves_a_shorter_idle_timeout()
    {
        var cut = RenderSection<SessionSettingsSection>();

        ChangeInput(cut, "settings-session-idle", "15");
        Click(cut, "settings-session-save");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=settings-session-save-done]")));
        Assert.Equal(15, (await StoredSettingsAsync()).SessionIdleMinutes);
    }

    [Fact]
    public async Task Remember_device_section_refuses_more_than_a_year()
    {
        var cut = RenderSection<RememberDeviceSettingsSection>();

        ChangeInput(cut, "settings-remember-days", "400");
        Click(cut, "settings-remember-save");

        cut.WaitForAssertion(() => Assert.Contains("Enter 1 to 365 days.", cut.Markup));
        Assert.Equal(30, (await StoredSettingsAsync()).RememberDeviceDays);
    }

    [Fact]
    public async Task Proxy_section_refuses_a_malformed_url()
    {
        var cut = RenderSection<ProxySettingsSection>();

        cut.Find("[data-testid=settings-proxy-enabled]").Change(true);
        ChangeInput(cut, "settings-proxy-url", "not a url");
        Click(cut, "settings-proxy-save");

        cut.WaitForAssertion(() => Assert.Contains("Enter a proxy URL such as", cut.Markup));
        Assert.False((await StoredSettingsAsync()).ProxyEnabled);
    }

    [Fact]
    public async Task Proxy_password_is_never_rendered_back()
    {
        await WithServiceAsync<AdvancedSettingsService, SettingsResult>(s =>
            s.SaveAsync(new ProxySection(true, "http://proxy.example.com:3128", "u", "TopSecretProxyPassword"), Admin));

        var cut = RenderSection<ProxySettingsSection>(await StoredSettingsAsync());

        Assert.DoesNotContain("TopSecretProxyPassword", cut.Markup);
        Assert.Contains("A password is stored", cut.Markup);
    }

    [Fact]
    public void Date_and_time_section_shows_the_configured_zone_and_format()
    {
        var cut = RenderSection<DateTimeSettingsSection>();

        Assert.Contains("UTC", cut.Find("[data-testid=settings-timezone]").GetAttribute("value"));
        Assert.Contains("yyyy-MM-dd HH:mm", cut.Markup);
    }
}
