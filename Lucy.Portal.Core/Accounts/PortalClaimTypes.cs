namespace Lucy.Portal.Core.Accounts;

/// <summary>Claims the portal adds to the signed-in principal.</summary>
public static class PortalClaimTypes
{
    /// <summary>Present while the user still has to replace an administrator-chosen password.</summary>
    public const string MustChangePassword = "lucy:must_change_password";

    /// <summary>Present while the 2FA policy's deadline has passed for a user without a working factor: only Configure 2FA and logout are open.</summary>
    public const string TwoFactorOverdue = "lucy:two_factor_overdue";

    /// <summary>The server-side session (<see cref="Sessions.UserSession"/>) the cookie belongs to.</summary>
    public const string SessionId = "lucy:session";

    /// <summary>In the remember-device cookie: the <see cref="Sessions.RememberedDevice"/> row it stands for.</summary>
    public const string RememberedDeviceId = "lucy:remembered_device";
}
