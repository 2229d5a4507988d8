using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Sessions;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Accounts;

/// <summary>Changes a user's own password and clears a pending forced change.</summary>
public sealed class PasswordChange(
    UserManager<PortalUser> users, AccountLockout lockout, LockedOutSessions lockedOut, AuditLog audit, IUserNotifier notifier, TimeProvider time)
{
    public async Task<AccountResult> ChangeAsync(PortalUser user, string currentPassword, string newPassword, string? ipAddress, CancellationToken ct = default)
    {
        if (currentPassword == newPassword)
        {
            return AccountResult.Failed(AccountStrings.Password_MustDiffer);
        }
        // The current password is a password check like the login's: counted before it is made (AccountLockout), so a
        // stolen session cannot guess it without limit, nor parallel tabs beyond the allowance; a lockout ends every
        // session. Identity's ChangePasswordAsync checks it without counting.
        if ((await lockout.BeginAttemptAsync(user.Id, ct)).LockedOut)
        {
            return AccountResult.Failed(AccountStrings.Password_ChangeLockedOut);
        }
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            var state = await lockout.FailAttemptAsync(user.Id, ct);
            await AuditFailureAsync(user, ipAddress, ct);
            if (state.LockedOut)
            {
                await lockedOut.EndAsync(user, ct);
                return AccountResult.Failed(AccountStrings.Password_ChangeLockedOut);
            }
            return AccountResult.Failed(users.ErrorDescriber.PasswordMismatch().Description);
        }
        if (!await lockout.SucceedAttemptAsync(user.Id, ct))
        {
            // A parallel tab locked the account while this password was checked.
            return AccountResult.Failed(AccountStrings.Password_ChangeLockedOut);
        }
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            await AuditFailureAsync(user, ipAddress, ct);
            return AccountResult.From(changed);
        }
        user.MustChangePassword = false;
        user.PasswordChangedAt = time.GetUtcNow();
        await users.UpdateAsync(user);
        await audit.WriteAsync(new AuditEntry(AuditEvents.PasswordChanged, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ipAddress,
        }, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.PasswordChanged) { IpAddress = ipAddress }, ct);
        return AccountResult.Success;
    }

    private Task AuditFailureAsync(PortalUser user, string? ipAddress, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(AuditEvents.PasswordChanged, AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ipAddress,
        }, ct);
}
