namespace Lucy.Portal.Authorization;

/// <summary>Named authorization policies of the portal, besides the default one (signed in, no password change pending).</summary>
public static class PortalPolicies
{
    /// <summary>An administrator with no password change pending.</summary>
    public const string Administrator = Core.Accounts.PortalRoles.Administrator;

    /// <summary>Signed in, even with a password change pending: for the change-password page alone.</summary>
    public const string PasswordChange = "PasswordChange";

    /// <summary>Signed in with no password change pending, even with 2FA enrolment overdue: for Configure 2FA alone.</summary>
    public const string TwoFactorEnrolment = "TwoFactorEnrolment";
}
