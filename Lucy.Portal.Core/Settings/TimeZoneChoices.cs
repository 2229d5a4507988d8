namespace Lucy.Portal.Core.Settings;

/// <summary>The time zones an administrator can choose from, UTC first.</summary>
public static class TimeZoneChoices
{
    public sealed record Choice(string Id, string DisplayName);

    public static IReadOnlyList<Choice> All { get; } = Build();

    private static List<Choice> Build()
    {
        // On Linux the system list may lack a plain "UTC" entry even though "UTC" always resolves.
        var zones = TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.Id != SettingsDefaults.TimeZoneId)
            .Select(z => new Choice(z.Id, z.DisplayName));
        return [new Choice(SettingsDefaults.TimeZoneId, "(UTC) Coordinated Universal Time"), .. zones];
    }
}
