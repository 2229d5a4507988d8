using System.Globalization;

namespace Lucy.Portal.Core.Settings;

/// <summary>Gives the UI the configured time zone and date format, so every page shows times the same way.</summary>
public sealed class DateDisplay(AdvancedSettingsCache cache)
{
    public async ValueTask<DateDisplayFormat> GetFormatAsync(CancellationToken ct = default)
    {
        var settings = await cache.GetAsync(ct);
        return DateDisplayFormat.For(settings.TimeZoneId, settings.DateFormat);
    }
}

/// <summary>A time zone and a format pattern; formats UTC instants for display (docs/languages.md: names follow the language).</summary>
public sealed record DateDisplayFormat(TimeZoneInfo TimeZone, string Pattern)
{
    public static DateDisplayFormat Default { get; } = new(TimeZoneInfo.Utc, SettingsDefaults.DateFormat);

    /// <summary>The format for stored settings; an unknown zone (e.g. a database moved to another OS) falls back to UTC.</summary>
    public static DateDisplayFormat For(string timeZoneId, string pattern) =>
        new(TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc, pattern);

    /// <summary>In the current culture: the pattern and time zone stay, month and day names follow the language.</summary>
    public string Format(DateTimeOffset value) => Format(value, CultureInfo.CurrentCulture);

    /// <summary>In <paramref name="culture"/>, for text written outside a request (a mail in its reader's language).</summary>
    public string Format(DateTimeOffset value, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(value, TimeZone).ToString(Pattern, culture);

    public string Format(DateTimeOffset? value, string whenMissing = "—") => value is { } v ? Format(v) : whenMissing;
}
