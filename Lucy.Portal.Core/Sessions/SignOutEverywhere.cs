using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Sessions;

/// <summary>"Log out everywhere": ends every session of the user, in every browser, and forgets remembered devices.</summary>
public sealed class SignOutEverywhere(UserManager<PortalUser> users, UserSessions sessions, AuditLog audit)
{
    /// <returns>How many sessions were still open.</returns>
    public async Task<int> RunAsync(PortalUser user, string? ipAddress, CancellationToken ct = default)
    {
        var ended = await sessions.EndAllAsync(user.Id, SessionEndReasons.LoggedOutEverywhere, ct);
        // A new security stamp also voids every "remember this device" cookie, as a password change does: whoever
        // fears a lost device or a stolen session wants the second factor asked again there.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(new AuditEntry(AuditEvents.LogoutEverywhere, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ipAddress,
            Detail = ended == 1 ? "1 session ended" : $"{ended} sessions ended",
        }, ct);
        return ended;
    }
}
