namespace Lucy.Portal.Core.Accounts;

/// <summary>The two roles of the portal.</summary>
public static class PortalRoles
{
    public const string Administrator = "Administrator";
    public const string User = "User";

    public static readonly IReadOnlyList<string> All = [Administrator, User];
}
