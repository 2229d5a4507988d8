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

    // The rule and the user manager are resolved only for an administrator's request: resolved as parameters they
    // would be built for every request, and a circuit's /_blazor request keeps its scope (a DbContext and Identity's
    // services) for the circuit's whole life (bench/README.md, what a token prompt's circuit holds).
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.IsInRole(PortalRoles.Administrator)
            && !PortalPaths.IsAlwaysOpen(path)
            && !path.StartsWithSegments(AccountPath, StringComparison.OrdinalIgnoreCase)
            && await context.RequestServices.GetRequiredService<UserManager<PortalUser>>().GetUserAsync(context.User) is { } user
            && await context.RequestServices.GetRequiredService<AdministratorPasskeyRule>().MustAddPasskeyAsync(user, context.RequestAborted))
        {
            context.Response.Redirect(AccountPath + "?" + RequiredQuery);
            return;
        }
        await next(context);
    }
}
