using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>
/// When a user whose every factor depends on a provider no longer in use (Authy key removed, provider switched) opens
/// Configure 2FA, their dead factor and recovery codes are cleared so the wizard can enrol a new factor: they proved
/// themselves with a recovery code to get here. The security stamp is left alone on purpose: renewing it would end
/// the very session that is enrolling.
/// </summary>
public sealed class StrandedFactorRetirement(
    PortalDbContext db,
    UserManager<PortalUser> users,
    UserFactorFactsQuery facts,
    AdvancedSettingsCache settings,
    RecoveryCodeStore recoveryCodes,
    AuditLog audit,
    IUserNotifier notifier)
{
    /// <summary>True when the user was stranded and their dead factor is gone; false (nothing changed) otherwise.</summary>
    public async Task<bool> RetireAsync(PortalUser user, string? ipAddress, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        if (await facts.ForUserAsync(user.Id, ct) is not { } before || !current.Providers.IsStranded(before))
        {
            return false;
        }
        user.AuthyId = null;
        user.PendingAuthyId = null;
        user.TwoFactorViaTwilioVerify = false;
        // Set directly: UserManager.SetTwoFactorEnabledAsync would renew the security stamp.
        user.TwoFactorEnabled = false;
        await users.UpdateAsync(user);
        await recoveryCodes.RemoveAllAsync(user, ct);
        if (await facts.ForUserAsync(user.Id, ct) is { } after && !TwoFactorPolicyRules.Applies(current.TwoFactorPolicy, after, current.Providers))
        {
            // No rule holds the user any more: a later rule starts a new clock rather than reviving this one.
            await db.Set<TwoFactorClock>().Where(c => c.UserId == user.Id).ExecuteDeleteAsync(ct);
        }
        await audit.WriteAsync(new AuditEntry(AuditEvents.TwoFactorDisabled, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            IpAddress = ipAddress,
            Detail = "factor's provider no longer in use; enrolling a new factor",
        }, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.TwoFactorDisabled) { IpAddress = ipAddress }, ct);
        return true;
    }
}
