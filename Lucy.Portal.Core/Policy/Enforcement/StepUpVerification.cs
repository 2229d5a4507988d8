using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>What a user must do before a dangerous action.</summary>
public enum StepUpNeed
{
    /// <summary>The session proved a factor within the step-up window.</summary>
    None,
    /// <summary>A current code (or a recovery code) from the user's own 2FA.</summary>
    SecondFactor,
    /// <summary>The policy requires 2FA of this user, who has none: enrol first.</summary>
    EnrolFirst,
    /// <summary>
    /// No 2FA and no policy requiring it: the password again, as GitHub's "sudo mode" does, so a stolen live session
    /// alone still cannot take dangerous actions.
    /// </summary>
    Password,
    /// <summary>The session is unknown or ended: nothing can be proved in it.</summary>
    NoSession,
}

/// <summary>
/// Step-up for dangerous actions (OWASP ASVS 5.0 7.5.1): saving settings, a factory reset, adding an administrator,
/// resetting someone's 2FA and ending someone's sessions need the administrator's own proof within the window set in
/// the 2FA policy (5 minutes by default). The proof is recorded on the session row, so it is shared by every
/// instance and ends with the session; a sign-in through the token prompt counts as one, and so does the password
/// sign-in of an account without 2FA (its password is all it has).
/// </summary>
public sealed class StepUpVerification(
    PortalDbContext db,
    TwoFactorAccountService twoFactor,
    UserFactorFactsQuery facts,
    AdvancedSettingsCache settings,
    AuditLog audit,
    CountedPasswordCheck passwords,
    TimeProvider time)
{
    public async Task<StepUpNeed> NeedAsync(string userId, string? sessionId, CancellationToken ct = default)
    {
        if (await ActiveSessionAsync(userId, sessionId, ct) is not { } session)
        {
            return StepUpNeed.NoSession;
        }
        if (await facts.ForUserAsync(userId, ct) is not { } user)
        {
            return StepUpNeed.NoSession;
        }
        var current = await settings.GetAsync(ct);
        // Checked before any proof: a password, however fresh, never stands in for the 2FA the policy requires.
        if (!user.TwoFactorEnabled && TwoFactorPolicyRules.Applies(current.TwoFactorPolicy, user, current.Providers))
        {
            return StepUpNeed.EnrolFirst;
        }
        var now = time.GetUtcNow();
        if (session.StepUpVerifiedAt is { } at && at <= now && now - at <= current.TwoFactorPolicy.StepUpWindow)
        {
            return StepUpNeed.None;
        }
        // 2FA on, even with recovery codes only (a removed provider): the code dialog takes recovery codes.
        return user.TwoFactorEnabled ? StepUpNeed.SecondFactor : StepUpNeed.Password;
    }

    /// <summary>Checks a current code or recovery code (counted toward lockout) and, when accepted, records the proof on the session.</summary>
    public Task<CurrentFactorCheck> ProveWithFactorAsync(PortalUser user, string? sessionId, string? code, string action, string? ipAddress, CancellationToken ct = default) =>
        ProveAsync(user, sessionId, CurrentProof.Code(code), action, ipAddress, ct);

    /// <summary>Options for a passkey as step-up proof; null when the user has no passkey or the session is gone.</summary>
    public async Task<PendingPasskey?> BeginPasskeyAsync(PortalUser user, string? sessionId, CancellationToken ct = default) =>
        await ActiveSessionAsync(user.Id, sessionId, ct) is null ? null : await twoFactor.BeginCurrentPasskeyAsync(user, ct);

    /// <summary>Checks a passkey assertion as step-up proof (counted as a code is) and, when accepted, records it on the session.</summary>
    public Task<CurrentFactorCheck> ProveWithPasskeyAsync(
        PortalUser user, string? sessionId, PendingPasskey? pending, string? credentialJson, string action, string? ipAddress, CancellationToken ct = default) =>
        ProveAsync(user, sessionId, CurrentProof.Passkey(pending, credentialJson), action, ipAddress, ct);

    private async Task<CurrentFactorCheck> ProveAsync(PortalUser user, string? sessionId, CurrentProof proof, string action, string? ipAddress, CancellationToken ct)
    {
        if (await ActiveSessionAsync(user.Id, sessionId, ct) is null)
        {
            return CurrentFactorCheck.NotEnabled;
        }
        var check = await twoFactor.VerifyCurrentProofAsync(user, proof, "step-up: " + action, ipAddress, ct);
        if (check == CurrentFactorCheck.Accepted)
        {
            await RecordAsync(user, sessionId!, (proof is PasskeyAnswer ? "passkey; " : "second factor; ") + action, ipAddress, ct);
        }
        return check;
    }

    /// <summary>
    /// The password as proof, only for an account whose need is <see cref="StepUpNeed.Password"/>: an account with 2FA
    /// or one the policy requires it of can never step up with the password alone. A wrong password counts toward lockout.
    /// </summary>
    public async Task<StepUpPasswordResult> ProveWithPasswordAsync(PortalUser user, string? sessionId, string? password, string action, string? ipAddress, CancellationToken ct = default)
    {
        if (await NeedAsync(user.Id, sessionId, ct) != StepUpNeed.Password)
        {
            return StepUpPasswordResult.NotAllowed;
        }
        var check = await passwords.CheckAsync(user, password, ct);
        if (check == CountedPasswordResult.Accepted)
        {
            await RecordAsync(user, sessionId!, "password; " + action, ipAddress, ct);
            return StepUpPasswordResult.Accepted;
        }
        if (check is CountedPasswordResult.Wrong or CountedPasswordResult.WrongAndLockedOut)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.StepUpFailed, AuditOutcome.Failure)
            {
                ActorId = user.Id,
                ActorEmail = user.Email,
                IpAddress = ipAddress,
                Detail = action,
            }, ct);
        }
        return check == CountedPasswordResult.Wrong ? StepUpPasswordResult.Wrong : StepUpPasswordResult.LockedOut;
    }

    private async Task RecordAsync(PortalUser user, string sessionId, string detail, string? ipAddress, CancellationToken ct)
    {
        var id = Guid.Parse(sessionId);
        var now = time.GetUtcNow();
        await db.Set<UserSession>().Where(s => s.Id == id && s.UserId == user.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StepUpVerifiedAt, now), ct);
        await audit.WriteAsync(new AuditEntry(AuditEvents.StepUpVerified, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ipAddress,
            Detail = detail,
        }, ct);
    }

    private async Task<UserSession?> ActiveSessionAsync(string userId, string? sessionId, CancellationToken ct) =>
        Guid.TryParse(sessionId, out var id)
            ? await db.Set<UserSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.UserId == userId && s.EndedAt == null, ct)
            : null;
}

/// <summary>The outcome of a step-up by password.</summary>
public enum StepUpPasswordResult
{
    Accepted,
    Wrong,
    LockedOut,
    /// <summary>The account must step up with its second factor, or enrol first.</summary>
    NotAllowed,
}
