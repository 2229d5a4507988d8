using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Administration;

/// <summary>
/// An administrator resets the 2FA of a user who lost their phone: every factor, recovery code and remembered device
/// goes, 2FA is off, and every session ends (a new security stamp). The Authy user is deleted at Authy unless another
/// account shares its id. The user logs in with the password alone and enrols again (at once, if the 2FA policy
/// requires it). Typed confirmation: the administrator types the user's email.
/// </summary>
public sealed class TwoFactorReset(
    UserManager<PortalUser> users,
    SecondFactorMethods methods,
    RecoveryCodeStore recoveryCodes,
    RememberedDevices devices,
    UserSessions sessions,
    AuditLog audit,
    IUserNotifier notifier)
{
    public async Task<AdministratorActionResult> ResetAsync(string userId, string? typedEmail, PortalUser administrator, CancellationToken ct = default)
    {
        if (userId == administrator.Id)
        {
            return AdministratorActionResult.OwnAccount;
        }
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return AdministratorActionResult.UserNotFound;
        }
        if (!TypedConfirmation.Matches(typedEmail, user.Email))
        {
            return new(AdministratorActionStatus.ConfirmationMismatch, AccountStrings.Admin_TypeEmailToConfirm(user.Email ?? ""));
        }

        var codes = await recoveryCodes.RemoveAllAsync(user, ct);
        // Every method the seam knows (Authy's removal keeps an Authy user another account shares).
        foreach (var method in methods.All)
        {
            await method.RemoveAsync(user, ipAddress: null, ct);
        }
        var forgotten = await devices.ForgetAllAsync(user.Id, ct);
        await users.SetTwoFactorEnabledAsync(user, false);
        // The stamp ends every session and voids every remember cookie, even one issued before device rows existed.
        await users.UpdateSecurityStampAsync(user);
        var ended = await sessions.EndAllAsync(user.Id, SessionEndReasons.EndedByAdministrator, ct);

        await audit.WriteAsync(new AuditEntry(AuditEvents.TwoFactorResetByAdministrator, AuditOutcome.Success)
        {
            ActorId = administrator.Id,
            ActorEmail = administrator.Email,
            SubjectId = user.Id,
            Detail = $"{user.Email}: {codes} recovery codes removed, {forgotten} remembered devices forgotten, {ended} sessions ended",
        }, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.TwoFactorResetByAdministrator) { ActorId = administrator.Id }, ct);
        return new(AdministratorActionStatus.Done, AccountStrings.Admin_TwoFactorReset(user.Email ?? ""));
    }
}
