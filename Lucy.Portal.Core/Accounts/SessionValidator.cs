using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Accounts;

/// <summary>Tells whether a signed-in principal still matches its account (exists, same security stamp).</summary>
public sealed class SessionValidator(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp is not null && principalStamp == await users.GetSecurityStampAsync(user);
    }
}
