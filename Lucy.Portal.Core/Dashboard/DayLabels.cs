using System.Globalization;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>Days shown in the administrator's date format: its date part alone ("dd.MM.yyyy HH:mm" gives "dd.MM.yyyy").</summary>
public static class DayLabels
{
    public static string PatternOf(DateDisplayFormat format)
    {
        var time = format.Pattern.IndexOfAny(['H', 'h']);
        return (time > 0 ? format.Pattern[..time] : format.Pattern).TrimEnd(' ', ',', 'T');
    }

    /// <summary>In the current culture: month names follow the language, the pattern stays the administrator's.</summary>
    public static string Format(DateOnly day, DateDisplayFormat format) => day.ToString(PatternOf(format), CultureInfo.CurrentCulture);
}
