using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Lucy.Portal.Authorization;

/// <summary>
/// The user is not past the 2FA policy's deadline without a working factor. Part of the default and administrator
/// policies, so the interactive router refuses every page but Configure 2FA (and logout) while enrolment is overdue,
/// whatever way the browser got into a live circuit; <see cref="Middleware.TwoFactorEnrolmentGate"/> does the same
/// for HTTP requests.
/// </summary>
public sealed class TwoFactorSettledRequirement : IAuthorizationRequirement;

/// <summary>
/// Meets <see cref="TwoFactorSettledRequirement"/> unless the principal carries the overdue claim; a pending password
/// change is settled first (its own requirement keeps every other page closed meanwhile).
/// </summary>
internal sealed class TwoFactorSettledHandler : AuthorizationHandler<TwoFactorSettledRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorSettledRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && (!MustEnrol(context.User) || PasswordChangeSettledHandler.MustChangePassword(context.User)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    public static bool MustEnrol(System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == PortalClaimTypes.TwoFactorOverdue);
}
