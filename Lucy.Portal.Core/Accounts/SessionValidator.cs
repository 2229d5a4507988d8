using System.Security.Claims;
using Lucy.Portal.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Tells whether a signed-in principal still matches its account (exists, same security stamp) and its session is
/// still open (not logged out, within its absolute lifetime and idle timeout).
/// </summary>
public sealed class SessionValidator(UserManager<PortalUser> users, IOptions<IdentityOptions> options, UserSessions sessions)
{
    /// <param name="activity">What the holder of the principal did since the last check, if anything.</param>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, SessionActivity? activity = null)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (principalStamp is null || principalStamp != await users.GetSecurityStampAsync(user))
        {
            return false;
        }
        var session = principal.FindFirstValue(PortalClaimTypes.SessionId);
        return await sessions.CheckAsync(session, user.Id, activity) == SessionStatus.Active;
    }
}
