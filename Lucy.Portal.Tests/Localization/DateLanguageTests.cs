using System.Globalization;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Dashboard;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Localization;

/// <summary>Dates keep the configured pattern and time zone; only month and day names follow the language (docs/languages.md).</summary>
public class DateLanguageTests
{
    private static readonly DateTimeOffset LateDecember = new(2026, 12, 30, 23, 30, 0, TimeSpan.Zero);
    private static readonly DateDisplayFormat Zurich = DateDisplayFormat.For("Europe/Zurich", "d MMM yyyy HH:mm");

    [Theory]
    [InlineData("en", "Dec")]
    [InlineData("de", "Dez")]
    [InlineData("fr", "déc")]
    [InlineData("it", "dic")]
    public void Month_names_follow_the_language_in_the_configured_zone_and_pattern(string language, string december)
    {
        using var _ = new UiCulture(language);

        var shown = Zurich.Format(LateDecember);

        // 23:30 UTC is already the 31st at 00:30 in Zurich.
        Assert.StartsWith("31 " + december, shown, StringComparison.Ordinal);
        Assert.EndsWith("2026 00:30", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_days_use_the_language_for_month_names_and_the_administrators_pattern()
    {
        using var _ = new UiCulture("fr");

        Assert.Equal("31 déc. 2026", DayLabels.Format(new DateOnly(2026, 12, 31), Zurich));
        Assert.Equal("31.12.2026", DayLabels.Format(new DateOnly(2026, 12, 31), DateDisplayFormat.For("UTC", "dd.MM.yyyy HH:mm")));
    }

    [Fact]
    public void An_explicit_culture_wins_over_the_thread_culture()
    {
        using var _ = new UiCulture("en");

        Assert.StartsWith("31 Dez", Zurich.Format(LateDecember, CultureInfo.GetCultureInfo("de")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_export_keeps_invariant_month_names_whatever_the_language()
    {
        using var _ = new UiCulture("de");
        var writer = new StringWriter();

        await AuditCsv.WriteAsync(writer, Rows(new AuditEvent { Event = AuditEvents.LoginPassword, OccurredAt = LateDecember }), Zurich);

        Assert.Contains("31 Dec 2026 00:30", writer.ToString(), StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<AuditEvent> Rows(params AuditEvent[] rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }
        await Task.CompletedTask;
    }
}
