namespace Lucy.Portal.Core.Dashboard;

/// <summary>Where things are fixed: the pages the dashboard links to.</summary>
public static class UsersPageLinks
{
    public const string Users = "users";
    public const string AdvancedSettings = "system/advanced-settings";

    /// <summary>The Users page showing only this account.</summary>
    public static string For(string email) => $"{Users}?email={Uri.EscapeDataString(email)}";
}
