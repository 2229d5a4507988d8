using System.Security.Claims;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Accounts;

/// <summary>A concern above Accounts that adds its own claims to the signed-in principal (the 2FA policy's overdue flag).</summary>
public interface IPortalClaimsSource
{
    Task AddClaimsAsync(PortalUser user, ClaimsIdentity identity);
}

/// <summary>Adds the portal's own claims (such as a pending password change) to the Identity principal.</summary>
public sealed class PortalUserClaimsFactory(
    UserManager<PortalUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    AdvancedSettingsCache settings,
    TimeProvider time,
    IEnumerable<IPortalClaimsSource> sources)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword || await RotationDueAsync(user))
        {
            identity.AddClaim(new Claim(PortalClaimTypes.MustChangePassword, "true"));
        }
        foreach (var source in sources)
        {
            await source.AddClaimsAsync(user, identity);
        }
        return identity;
    }

    // Off by default, as NIST advises; when an administrator sets a period, an older password must be replaced.
    private async Task<bool> RotationDueAsync(PortalUser user)
    {
        var rotationDays = (await settings.GetAsync()).PasswordRotationDays;
        return rotationDays > 0 && (user.PasswordChangedAt ?? user.CreatedAt) + TimeSpan.FromDays(rotationDays) <= time.GetUtcNow();
    }
}
