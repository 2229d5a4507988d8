using System.Security.Claims;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Identity's SignInManager, except that a remembered device skips the second factor only while
/// Advanced Settings allow remembering devices (Identity already binds that cookie to the user and security stamp);
/// a password attempt is counted before the password is checked, in the counter the token prompt uses; and every
/// sign-in opens a server-side session which its logout ends.
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
    AccountLockout lockout,
    UserSessions sessions,
    RememberedDevices devices)
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
        return stamp is not null && stamp == await UserManager.GetSecurityStampAsync(user)
            // The device must still be on the user's list: forgetting it on the Account page ends it at once.
            && await devices.IsRememberedAsync(principal.FindFirstValue(PortalClaimTypes.RememberedDeviceId), user.Id, stamp);
    }

    /// <summary>Identity's remember cookie (user id and security stamp) plus the id of a row the user can list and forget.</summary>
    public override async Task RememberTwoFactorClientAsync(PortalUser user)
    {
        var lifetime = (await settings.GetAsync()).RememberDeviceDuration;
        if (lifetime is null)
        {
            return;
        }
        var stamp = await UserManager.GetSecurityStampAsync(user);
        var deviceId = await devices.RememberAsync(user.Id, stamp, lifetime.Value,
            Context.Request.Headers.UserAgent.ToString(), Context.Connection.RemoteIpAddress?.ToString());
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorRememberMeScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        identity.AddClaim(new Claim(Options.ClaimsIdentity.SecurityStampClaimType, stamp));
        identity.AddClaim(new Claim(PortalClaimTypes.RememberedDeviceId, deviceId.ToString()));
        await Context.SignInAsync(IdentityConstants.TwoFactorRememberMeScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = true });
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

    /// <summary>
    /// Every way into the portal ends here (password alone, remembered device, the second factor's CompleteSignIn,
    /// a refresh after a password change): a new sign-in opens a session and the cookie carries its id.
    /// </summary>
    public override async Task SignInWithClaimsAsync(PortalUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        if (!claims.Exists(c => c.Type == PortalClaimTypes.SessionId))
        {
            // For an account without 2FA the password just checked is its whole proof; with 2FA only the factor counts
            // (a remembered device skips the factor, so its password-only sign-in proves nothing new).
            var proven = secondFactorJustProven || (passwordJustProven && !await UserManager.GetTwoFactorEnabledAsync(user));
            var sessionId = await sessions.StartAsync(user.Id, await UserManager.GetSecurityStampAsync(user),
                Context.Request.Headers.UserAgent.ToString(), Context.Connection.RemoteIpAddress?.ToString(), secondFactorProven: proven);
            claims.Add(new Claim(PortalClaimTypes.SessionId, sessionId.ToString()));
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    private bool secondFactorJustProven;
    private bool passwordJustProven;

    /// <summary>The login form's sign-in: the session it opens records the password as a fresh proof for an account without 2FA.</summary>
    public override async Task<SignInResult> PasswordSignInAsync(PortalUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        passwordJustProven = true;
        try
        {
            return await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }
        finally
        {
            passwordJustProven = false;
        }
    }

    /// <summary>
    /// The sign-in after the token prompt verified a factor (CompleteSignIn): the new session records the proof, so a
    /// dangerous action right after logging in needs no second code. Other ways in (remembered device, a renewed
    /// cookie) prove nothing new and do not count.
    /// </summary>
    /// <param name="extraClaims">More authentication methods to record (a passkey's "hwk").</param>
    public async Task SignInAfterSecondFactorAsync(PortalUser user, params Claim[] extraClaims)
    {
        secondFactorJustProven = true;
        try
        {
            await SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa"), .. extraClaims]);
        }
        finally
        {
            secondFactorJustProven = false;
        }
    }

    /// <summary>A new cookie for the same sign-in (after a password change): the session, and its lifetime, carry on.</summary>
    public override async Task RefreshSignInAsync(PortalUser user)
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var principal = current.Principal;
        var sessionId = principal?.FindFirstValue(PortalClaimTypes.SessionId);
        if (!current.Succeeded || principal is null || sessionId is null || UserManager.GetUserId(principal) != user.Id)
        {
            return;
        }
        var claims = new List<Claim> { new(PortalClaimTypes.SessionId, sessionId) };
        claims.AddRange(principal.FindAll(c => c.Type is ClaimTypes.AuthenticationMethod or "amr"));
        await base.SignInWithClaimsAsync(user, current.Properties, claims);
        await sessions.AdoptStampAsync(sessionId, await UserManager.GetSecurityStampAsync(user));
    }

    /// <summary>Logout ends the session itself, so a copy of the cookie (another tab, a thief) opens nothing any more.</summary>
    public override async Task SignOutAsync()
    {
        var sessionId = Context.User.FindFirstValue(PortalClaimTypes.SessionId);
        await base.SignOutAsync();
        await sessions.EndAsync(sessionId, SessionEndReasons.LoggedOut);
    }
}
