using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>The outcome of removing a passkey; <see cref="Message"/> says why not when <see cref="Check"/> passed.</summary>
public sealed record PasskeyRemovalResult(CurrentFactorCheck Check, string? Message = null)
{
    public bool Removed => Check == CurrentFactorCheck.Accepted && Message is null;
}

/// <summary>
/// Removes one of the user's passkeys after a current second factor (step-up through
/// <see cref="TwoFactorAccountService.VerifyCurrentFactorAsync"/>). The last passkey of a user with no other method is
/// kept: that would leave 2FA on with nothing to sign in with; disabling 2FA is the way out.
/// </summary>
public sealed class PasskeyRemoval(
    PasskeyRegistry registry,
    TwoFactorAccountService twoFactor,
    UserFactors factors,
    AuditLog audit,
    IUserNotifier notifier)
{
    public static string LastFactorMessage => TwoFactorStrings.Passkey_OnlyFactor;

    /// <summary>Whether this passkey may go at all (asked before the step-up, so no code is spent on a refusal).</summary>
    public async Task<string?> RefusalAsync(PortalUser user, string id, CancellationToken ct = default)
    {
        if (await registry.FindAsync(user, id) is null)
        {
            return TwoFactorStrings.Passkey_NoLongerExists;
        }
        var onlyMethod = await twoFactor.ConfirmedMethodAsync(user, ct) == EnrollmentMethod.Passkey;
        return onlyMethod && (await registry.ListAsync(user, ct)).Count <= 1 ? LastFactorMessage : null;
    }

    public async Task<PasskeyRemovalResult> RemoveAsync(PortalUser user, string id, string? code, string? ipAddress, CancellationToken ct = default)
    {
        if (await RefusalAsync(user, id, ct) is { } refusal)
        {
            return new PasskeyRemovalResult(CurrentFactorCheck.Accepted, refusal);
        }
        var check = await twoFactor.VerifyCurrentFactorAsync(user, code, "remove a passkey", ipAddress, ct);
        if (check != CurrentFactorCheck.Accepted)
        {
            return new PasskeyRemovalResult(check);
        }
        var passkey = await registry.FindAsync(user, id);
        // Checked again after the step-up: another tab may have removed it, or the one before it, meanwhile.
        if (passkey is null || await RefusalAsync(user, id, ct) is not null || !await registry.RemoveAsync(user, passkey.CredentialId, ct))
        {
            return new PasskeyRemovalResult(CurrentFactorCheck.Accepted, TwoFactorStrings.Passkey_NotRemoved);
        }
        await audit.WriteAsync(new AuditEntry(PasskeyAuditEvents.Removed, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ipAddress,
            Detail = passkey.Name,
        }, ct);
        // The last passkey gone, the factor's row goes (another factor becomes the default if it was).
        await factors.ListAsync(user, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.FactorRemoved) { Detail = $"passkey \"{passkey.Name}\"", IpAddress = ipAddress }, ct);
        return new PasskeyRemovalResult(CurrentFactorCheck.Accepted);
    }
}
