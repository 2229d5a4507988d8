using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Lucy.Portal.Components.Account;

/// <summary>Account endpoints that need HttpContext and are not pages.</summary>
internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        // Reachable signed-in or not, so a stale tab can always log out; antiforgery-protected as a form post.
        account.MapPost("/Logout", async (
            HttpContext context,
            ClaimsPrincipal user,
            [FromServices] SignInManager<PortalUser> signInManager,
            [FromServices] AuditLog audit) =>
        {
            var userId = signInManager.UserManager.GetUserId(user);
            await signInManager.SignOutAsync();
            if (userId is not null)
            {
                await audit.WriteAsync(new AuditEntry(AuditEvents.Logout, AuditOutcome.Success)
                {
                    ActorId = userId,
                    IpAddress = context.Connection.RemoteIpAddress?.ToString(),
                });
            }
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous();

        return account;
    }
}
