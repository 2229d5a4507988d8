using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Middleware;

/// <summary>
/// With "administrators must use a passkey" on, an administrator without one reaches only their Account page (where
/// they add it, through Configure 2FA if 2FA is off), the account endpoints and logout. The interactive router enforces
/// the same (AdministratorPasskeyGuard), since in-page navigation does not pass through here.
/// </summary>
internal sealed class AdministratorPasskeyGate(RequestDelegate next)
{
    public const string AccountPath = "/account";
    public const string RequiredQuery = "passkey=required";

    public async Task InvokeAsync(HttpContext context, AdministratorPasskeyRule rule, UserManager<PortalUser> users)
    {
        var path = context.Request.Path;
        if (context.User.IsInRole(PortalRoles.Administrator)
            && !PortalPaths.IsAlwaysOpen(path)
            && !path.StartsWithSegments(AccountPath, StringComparison.OrdinalIgnoreCase)
            && await users.GetUserAsync(context.User) is { } user
            && await rule.MustAddPasskeyAsync(user, context.RequestAborted))
        {
            context.Response.Redirect(AccountPath + "?" + RequiredQuery);
            return;
        }
        await next(context);
    }
}
