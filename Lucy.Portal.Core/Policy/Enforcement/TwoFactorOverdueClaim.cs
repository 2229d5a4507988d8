using System.Security.Claims;
using Lucy.Portal.Core.Accounts;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>
/// Marks the principal of a user whose 2FA deadline passed. Claims are built at sign-in and again at every security
/// stamp check (once a minute), so a deadline passing during a session takes hold within a minute.
/// </summary>
internal sealed class TwoFactorOverdueClaim(TwoFactorEnforcement enforcement) : IPortalClaimsSource
{
    public async Task AddClaimsAsync(PortalUser user, ClaimsIdentity identity)
    {
        if ((await enforcement.GetObligationAsync(user.Id)).Kind == TwoFactorObligationKind.Overdue)
        {
            identity.AddClaim(new Claim(PortalClaimTypes.TwoFactorOverdue, "true"));
        }
    }
}
