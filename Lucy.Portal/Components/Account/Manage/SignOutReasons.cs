namespace Lucy.Portal.Components.Account.Manage;

/// <summary>Why an interactive page ends the session; /Account/SignedOut maps each to a fixed message, never echoing the query.</summary>
internal static class SignOutReasons
{
    public const string TwoFactorConfigured = "2fa-configured";
    public const string TwoFactorDisabled = "2fa-disabled";
    public const string LockedOut = "locked-out";
    public const string PhoneChanged = "phone-changed";

    public static string Url(string reason) => "/Account/SignedOut?reason=" + Uri.EscapeDataString(reason);

    /// <summary>The message the login page shows, or null for an unknown reason.</summary>
    public static string? MessageFor(string? reason) => reason switch
    {
        TwoFactorConfigured => "2FA is configured. Please log in again.",
        TwoFactorDisabled => "2FA is turned off. Please log in again.",
        PhoneChanged => "Your phone number was changed. For your safety every session was signed out, here and on your other "
            + "devices, and remembered devices will ask for a code again. Please log in again.",
        _ => null,
    };
}
