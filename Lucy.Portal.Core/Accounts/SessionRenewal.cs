using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Keeps the session that made a change alive when the change renewed the security stamp (a phone change), while
/// every other session ends. The interactive page cannot set cookies, so it sends the browser to an endpoint with a
/// short-lived token naming the user, the stamp the session had and the stamp it may take. The token alone signs in
/// nobody: the endpoint also wants that very session's cookie, with the old stamp.
/// </summary>
public sealed class SessionRenewal(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("Lucy.Portal.SessionRenewal.v1").ToTimeLimitedDataProtector();

    public string Issue(string userId, string oldStamp, string newStamp) =>
        // The data protector checks expiry against the system clock, so it sets it from that clock too.
        Protector.Protect(string.Join('\n', userId, oldStamp, newStamp), Lifetime);

    /// <summary>
    /// True when <paramref name="token"/> is unexpired, the account still has the stamp it grants, and
    /// <paramref name="session"/> (the request's own, now stale, session) is the user's with the stamp it replaces.
    /// </summary>
    public bool Allows(string? token, ClaimsPrincipal? session, PortalUser user, string stampClaimType)
    {
        if (string.IsNullOrEmpty(token) || session is null)
        {
            return false;
        }
        string payload;
        try
        {
            payload = Protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        var parts = payload.Split('\n');
        return parts.Length == 3
            && parts[0] == user.Id
            && parts[2] == user.SecurityStamp
            && session.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id
            && session.FindFirstValue(stampClaimType) == parts[1];
    }
}
