namespace Lucy.Portal.Core.Dashboard;

/// <summary>Calendar days of a time zone as UTC instants, so SQL can bucket UTC rows into local days (DST included).</summary>
public static class LocalDays
{
    /// <summary>The local date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The instant <paramref name="day"/> begins in <paramref name="zone"/>. Where clocks skip midnight the day begins
    /// when they resume; where midnight happens twice it begins at the first one.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The last <paramref name="count"/> days up to the local today, and count + 1 boundaries (the last one is tomorrow's start).</summary>
    public static (IReadOnlyList<DateOnly> Days, IReadOnlyList<DateTimeOffset> Boundaries) Last(int count, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var today = DateOf(now, zone);
        var days = Enumerable.Range(0, count).Select(i => today.AddDays(i - count + 1)).ToList();
        var boundaries = days.Select(d => StartOf(d, zone)).Append(StartOf(today.AddDays(1), zone)).ToList();
        return (days, boundaries);
    }
}
