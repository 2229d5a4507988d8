using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Notifications;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Accounts;

/// <summary>Changes a user's own password and clears a pending forced change.</summary>
public sealed class PasswordChange(
    UserManager<PortalUser> users, CountedPasswordCheck passwords, AuditLog audit, IUserNotifier notifier, TimeProvider time)
{
    public async Task<AccountResult> ChangeAsync(PortalUser user, string currentPassword, string newPassword, string? ipAddress, CancellationToken ct = default)
    {
        if (currentPassword == newPassword)
        {
            return AccountResult.Failed(AccountStrings.Password_MustDiffer);
        }
        // Identity's ChangePasswordAsync checks the current password without counting: it is counted here first, so a
        // stolen session cannot guess it without limit.
        var check = await passwords.CheckAsync(user, currentPassword, ct);
        if (check is CountedPasswordResult.Wrong or CountedPasswordResult.WrongAndLockedOut)
        {
            await AuditFailureAsync(user, ipAddress, ct);
        }
        if (check != CountedPasswordResult.Accepted)
        {
            return AccountResult.Failed(check == CountedPasswordResult.Wrong
                ? AccountStrings.Password_CurrentWrong
                : AccountStrings.Password_ChangeLockedOut);
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
