using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Lucy.Portal.Authorization;

/// <summary>
/// The user has no administrator-chosen or expired password left to replace. Part of the default and administrator
/// policies, so the interactive router refuses every page but the change-password page while a change is pending,
/// whatever way the browser got into a live circuit.
/// </summary>
public sealed class PasswordChangeSettledRequirement : IAuthorizationRequirement;

/// <summary>Meets <see cref="PasswordChangeSettledRequirement"/> unless the sign-in marked the password for change.</summary>
internal sealed class PasswordChangeSettledHandler : AuthorizationHandler<PasswordChangeSettledRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasswordChangeSettledRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && !MustChangePassword(context.User))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    public static bool MustChangePassword(System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == PortalClaimTypes.MustChangePassword);
}
