using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Accounts;

/// <summary>A portal account: an administrator or a user of the awareness platform.</summary>
public class PortalUser : IdentityUser
{
    /// <summary>Set when an administrator chose the password; the user must replace it before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The language the user picked ("de"; Localization/PortalCultures), null to follow the browser (docs/languages.md).</summary>
    [System.ComponentModel.DataAnnotations.MaxLength(8)]
    public string? PreferredLanguage { get; set; }

    /// <summary>When the user last chose a password; null means at creation. Drives the optional rotation period.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>
    /// Failed password and code attempts since the last success, across lockouts (Identity's own count restarts after
    /// each lockout). At <see cref="PortalUserManager.MaxConsecutiveFailures"/> the account stays locked until an
    /// administrator unlocks it (SP 800-63B §3.2.2).
    /// </summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>The user's id at Authy once registered there (digits; Authy shares one id between accounts with the same phone).</summary>
    [System.ComponentModel.DataAnnotations.MaxLength(20)]
    public string? AuthyId { get; set; }

    /// <summary>Set by the enrollment wizard once Authy registered the phone, until a first code proves it.</summary>
    [System.ComponentModel.DataAnnotations.MaxLength(20)]
    public string? PendingAuthyId { get; set; }

    /// <summary>
    /// Set once a Twilio Verify code sent to <see cref="IdentityUser.PhoneNumber"/> was approved in the wizard: Verify keeps no
    /// per-user record, so this flag (with PhoneNumberConfirmed) is the enrollment. A new phone number clears it.
    /// </summary>
    public bool TwoFactorViaTwilioVerify { get; set; }

    /// <summary>The calling code of <see cref="IdentityUser.PhoneNumber"/> (kept in E.164), e.g. 41; Authy registers users with it.</summary>
    public int? PhoneCountryCode { get; set; }

    /// <summary>The ISO 3166 region of the phone number, e.g. "CH", as libphonenumber names it.</summary>
    [MaxLength(3)]
    public string? PhoneRegion { get; set; }
}
