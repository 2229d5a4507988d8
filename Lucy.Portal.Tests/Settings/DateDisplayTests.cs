using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Settings;

public class DateDisplayTests
{
    private static readonly DateTimeOffset Noon = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void By_default_times_are_shown_in_UTC() =>
        Assert.Equal("2025-07-01 12:00", DateDisplayFormat.Default.Format(Noon));

    [Fact]
    public async Task Times_are_shown_in_the_configured_zone_and_format()
    {
        await using var host = new SettingsTestHost();
        await host.SaveAsync(new DateTimeSection("Europe/Berlin", "dd.MM.yyyy HH:mm"));

        var format = await host.Services.GetRequiredService<DateDisplay>().GetFormatAsync();

        Assert.Equal("01.07.2025 14:00", format.Format(Noon));
    }

    [Fact]
    public void An_unknown_stored_zone_falls_back_to_UTC() =>
        Assert.Equal(TimeZoneInfo.Utc, DateDisplayFormat.For("Nowhere/Special", SettingsDefaults.DateFormat).TimeZone);

    [Fact]
    public void UTC_is_the_first_time_zone_offered() =>
        Assert.Equal("UTC", TimeZoneChoices.All[0].Id);
}
