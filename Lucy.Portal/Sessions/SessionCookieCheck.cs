using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Sessions;

/// <summary>
/// Runs on every request that carries the session cookie, before Identity's security stamp check: a cookie whose
/// server-side session is ended, past its absolute lifetime or idle too long is refused and deleted.
/// </summary>
internal static class SessionCookieCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var status = userId is null
            ? SessionStatus.Unknown
            : await services.GetRequiredService<UserSessions>().CheckAsync(
                principal!.FindFirstValue(PortalClaimTypes.SessionId), userId, SessionActivity.At(now), context.HttpContext.RequestAborted);
        if (status != SessionStatus.Active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>Identity rebuilds the principal when it rechecks the security stamp; the session id must survive that.</summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        var session = context.CurrentPrincipal?.FindFirst(PortalClaimTypes.SessionId);
        if (session is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == PortalClaimTypes.SessionId))
        {
            identity.AddClaim(new Claim(PortalClaimTypes.SessionId, session.Value));
        }
        return Task.CompletedTask;
    }
}
