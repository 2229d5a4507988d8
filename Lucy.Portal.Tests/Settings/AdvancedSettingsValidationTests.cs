using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Settings;

public class AdvancedSettingsValidationTests
{
    public static TheoryData<ISettingsSection, string> InvalidSections => new()
    {
        { new DateTimeSection("Mars/Olympus_Mons", "yyyy-MM-dd HH:mm"), SettingsFields.TimeZoneId },
        { new DateTimeSection("UTC", "dd MMMM yyyy"), SettingsFields.DateFormat },
        { new ProxySection(true, "", null), SettingsFields.ProxyUrl },
        { new ProxySection(true, "not a url", null), SettingsFields.ProxyUrl },
        { new ProxySection(true, "ftp://proxy.example.com", null), SettingsFields.ProxyUrl },
        { new ProxySection(true, "http://user:secret@proxy.example.com:3128", null), SettingsFields.ProxyUrl },
        { new ProxySection(false, "http://proxy.example.com", new string('u', 257)), SettingsFields.ProxyUserName },
        { new PasswordSection(7, 0), SettingsFields.PasswordMinimumLength },
        { new PasswordSection(129, 0), SettingsFields.PasswordMinimumLength },
        { new PasswordSection(12, -1), SettingsFields.PasswordRotationDays },
        { new PasswordSection(12, 366), SettingsFields.PasswordRotationDays },
        { new LockoutSection(0, 5), SettingsFields.MaxFailedAccessAttempts },
        { new LockoutSection(101, 5), SettingsFields.MaxFailedAccessAttempts },
        { new LockoutSection(5, 0), SettingsFields.LockoutMinutes },
        { new LockoutSection(5, 1441), SettingsFields.LockoutMinutes },
        { new RememberDeviceSection(true, 0), SettingsFields.RememberDeviceDays },
        { new RememberDeviceSection(true, 366), SettingsFields.RememberDeviceDays },
        { new TwoFactorProviderSection(TwoFactorProviderKind.Authy), SettingsFields.TwoFactorProvider },
        { new SessionSection(0, 30), SettingsFields.SessionAbsoluteHours },
        { new SessionSection(25, 30), SettingsFields.SessionAbsoluteHours },
        { new SessionSection(12, 0), SettingsFields.SessionIdleMinutes },
        { new SessionSection(1, 61), SettingsFields.SessionIdleMinutes },
    };

    [Theory]
    [MemberData(nameof(InvalidSections))]
    public async Task An_invalid_value_gets_a_field_error_and_nothing_is_saved(ISettingsSection section, string field)
    {
        await using var host = new SettingsTestHost();

        var result = await host.SaveAsync(section);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.ErrorFor(field));
        Assert.Equal(AdvancedSettingsSnapshot.Defaults, await host.GetAsync());
        Assert.Equal("", host.RawSettingsRow());
        Assert.Empty(await host.AuditAsync());
    }

    [Fact]
    public async Task One_bad_field_keeps_the_good_fields_of_the_same_section_unsaved_too()
    {
        await using var host = new SettingsTestHost();

        var result = await host.SaveAsync(new LockoutSection(10, 0));

        Assert.False(result.Succeeded);
        Assert.Equal(5, (await host.GetAsync()).MaxFailedAccessAttempts);
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(128, 365)]
    public async Task Values_at_the_edges_of_their_range_are_saved(int minimumLength, int rotationDays)
    {
        await using var host = new SettingsTestHost();

        var result = await host.SaveAsync(new PasswordSection(minimumLength, rotationDays));

        Assert.True(result.Succeeded);
        var settings = await host.GetAsync();
        Assert.Equal(minimumLength, settings.PasswordMinimumLength);
        Assert.Equal(rotationDays, settings.PasswordRotationDays);
    }

    [Fact]
    public async Task A_valid_time_zone_and_preset_format_are_saved()
    {
        await using var host = new SettingsTestHost();

        var result = await host.SaveAsync(new DateTimeSection("Europe/Berlin", "dd.MM.yyyy HH:mm"));

        Assert.True(result.Succeeded);
        Assert.Equal("Europe/Berlin", (await host.GetAsync()).TimeZoneId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("short1234")]
    [InlineData("AbCdEfGhIjKlMnOp-rStUvWx")]
    [InlineData("AbCdEfGhIjKlMnOp rStUvWx")]
    public void Malformed_Authy_keys_are_refused_before_Authy_is_asked(string? key) =>
        Assert.NotNull(SettingsRules.AuthyApiKey(key));

    [Fact]
    public void A_pasted_key_with_surrounding_whitespace_is_accepted() =>
        Assert.Null(SettingsRules.AuthyApiKey("  " + SettingsTestHost.ValidKey + "\n"));
}
