using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Administration;

/// <summary>
/// An administrator ends every session of a user (OWASP ASVS 5.0 7.4.5): each browser loses access at its next
/// request, each live page at its next revalidation. Remembered devices are forgotten too (a new security stamp), as
/// with the user's own "log out everywhere": whoever suspects a stolen session wants the second factor asked again.
/// </summary>
public sealed class UserSessionEnd(
    UserManager<PortalUser> users,
    UserSessions sessions,
    RememberedDevices devices,
    AuditLog audit,
    IUserNotifier notifier)
{
    public async Task<AdministratorActionResult> EndAllAsync(string userId, PortalUser administrator, CancellationToken ct = default)
    {
        if (userId == administrator.Id)
        {
            return AdministratorActionResult.OwnAccount;
        }
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return AdministratorActionResult.UserNotFound;
        }
        var ended = await sessions.EndAllAsync(user.Id, SessionEndReasons.EndedByAdministrator, ct);
        await devices.ForgetAllAsync(user.Id, ct);
        await users.UpdateSecurityStampAsync(user);
        var detail = ended == 1 ? "1 session ended" : $"{ended} sessions ended";
        await audit.WriteAsync(new AuditEntry(AuditEvents.SessionsEndedByAdministrator, AuditOutcome.Success)
        {
            ActorId = administrator.Id,
            ActorEmail = administrator.Email,
            SubjectId = user.Id,
            Detail = $"{user.Email}: {detail}",
        }, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.SessionsEndedByAdministrator) { ActorId = administrator.Id, Detail = detail }, ct);
        var shown = ended == 1 ? AccountStrings.Admin_OneSessionEnded : AccountStrings.Admin_SessionsEndedCount(ended);
        return new(AdministratorActionStatus.Done, AccountStrings.Admin_SessionsEnded(user.Email ?? "", shown));
    }
}
