using Lucy.Portal.Resources;

namespace Lucy.Portal.Components.Account.Manage;

/// <summary>Why an interactive page ends the session; /Account/SignedOut maps each to a fixed message, never echoing the query.</summary>
internal static class SignOutReasons
{
    public const string TwoFactorConfigured = "2fa-configured";
    public const string TwoFactorDisabled = "2fa-disabled";
    public const string LockedOut = "locked-out";
    public const string PhoneChanged = "phone-changed";

    public static string Url(string reason) => "/Account/SignedOut?reason=" + Uri.EscapeDataString(reason);

    /// <summary>The message the login page shows, in the request's language, or null for an unknown reason.</summary>
    public static string? MessageFor(string? reason) => reason switch
    {
        TwoFactorConfigured => AccountText.Get("SignedOut_TwoFactorConfigured"),
        TwoFactorDisabled => AccountText.Get("SignedOut_TwoFactorDisabled"),
        PhoneChanged => AccountText.Get("SignedOut_PhoneChanged"),
        _ => null,
    };
}
