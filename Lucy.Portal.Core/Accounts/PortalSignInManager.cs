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
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    AdvancedSettingsCache settings)
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
}
