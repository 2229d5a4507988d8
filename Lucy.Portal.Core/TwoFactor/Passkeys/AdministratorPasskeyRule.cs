using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>
/// NIST SP 800-63B-4 §2.2.2 asks an AAL2 verifier to offer a phishing-resistant option; with the switch on, an
/// administrator must also use one. An administrator without a passkey reaches only the Account page (to add one) and
/// logout until they do. One small rule, so a 2FA policy can fold it in.
/// </summary>
public sealed class AdministratorPasskeyRule(AdvancedSettingsCache settings, UserManager<PortalUser> users, PasskeyRegistry passkeys)
{
    /// <summary>True when the switch is on and this administrator has no passkey yet.</summary>
    public async Task<bool> MustAddPasskeyAsync(PortalUser user, CancellationToken ct = default) =>
        (await settings.GetAsync(ct)).AdministratorsRequirePasskey
        && await users.IsInRoleAsync(user, PortalRoles.Administrator)
        && !await passkeys.HasAnyAsync(user);
}
