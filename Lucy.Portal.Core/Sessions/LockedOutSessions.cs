using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Sessions;

/// <summary>
/// What a lockout reached while signed in does (too many wrong current codes, passkey answers or passwords: step-up,
/// removing a factor, a factor's first code, a new number's code, changing the password): every session of the user ends now, and the new security stamp voids every cookie and
/// remembered device, as "log out everywhere" does. A stolen session that guessed is out at once.
/// </summary>
public sealed class LockedOutSessions(UserManager<PortalUser> users, UserSessions sessions)
{
    public async Task EndAsync(PortalUser user, CancellationToken ct = default)
    {
        await sessions.EndAllAsync(user.Id, SessionEndReasons.LockedOut, ct);
        await users.UpdateSecurityStampAsync(user);
    }
}
