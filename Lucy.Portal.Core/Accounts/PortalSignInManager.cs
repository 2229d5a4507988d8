using System.Security.Claims;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Identity's SignInManager, except that a remembered device skips the second factor only while
/// Advanced Settings allow remembering devices. Identity already binds the cookie to the user and security stamp.
/// A password attempt is counted before the password is checked, in the counter the token prompt uses.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    AdvancedSettingsCache settings,
    AccountLockout lockout)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> IsTwoFactorClientRememberedAsync(PortalUser user)
    {
        if (!(await settings.GetAsync()).RememberDeviceAllowed)
        {
            return false;
        }
        // Identity revalidates this cookie's stamp only once a minute; a password or 2FA change must end it at once.
        var remembered = await Context.AuthenticateAsync(IdentityConstants.TwoFactorRememberMeScheme);
        var principal = remembered.Principal;
        if (principal?.FindFirstValue(ClaimTypes.Name) != user.Id)
        {
            return false;
        }
        var stamp = principal.FindFirstValue(Options.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && stamp == await UserManager.GetSecurityStampAsync(user);
    }

    /// <summary>
    /// Identity checks lockout, then the password, then counts the failure: simultaneous requests all pass the first
    /// step and each gets its password checked. Counting first (<see cref="AccountLockout.BeginAttemptAsync"/>) keeps
    /// the checks within one lockout's allowance, shared with the codes of the token prompt.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(PortalUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!lockoutOnFailure || !UserManager.SupportsUserLockout)
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }
        if ((await lockout.BeginAttemptAsync(user.Id)).LockedOut)
        {
            return await LockedOut(user);
        }
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result == SignInResult.Failed)
        {
            return (await lockout.FailAttemptAsync(user.Id)).LockedOut ? await LockedOut(user) : result;
        }
        // The right password (whose second factor is still to come), or refused before any check: not a failure.
        await lockout.RefundAttemptAsync(user.Id);
        return result;
    }
}
