using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// A user's own home figures: 2FA on or off (and how), recovery codes left, the last sign-in and the last failed
/// attempt on the account. Each is one indexed read (the audit log by actor, event and time).
/// </summary>
public sealed class OwnSecuritySummary(PortalDbContext db)
{
    public async Task<OwnSecurityFigures?> ReadAsync(string userId, CancellationToken ct = default)
    {
        var methods = CoverageMethods.All;
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.TwoFactorEnabled })
            .FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var method = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(CoverageMethods.IndexOf(db, methods)).FirstAsync(ct);
        var codesLeft = user.TwoFactorEnabled
            ? await db.Set<RecoveryCode>().CountAsync(c => c.UserId == userId && c.UsedAt == null, ct)
            : 0;

        var mine = db.AuditEvents.AsNoTracking().Where(e => e.ActorId == userId);
        var lastSignIn = await mine
            .Where(e => e.Event == AuditEvents.SignInCompleted)
            .OrderByDescending(e => e.OccurredAt)
            .Select(e => new AccountEvent(e.OccurredAt, e.IpAddress, e.Event))
            .FirstOrDefaultAsync(ct);
        var lastFailure = await mine
            .Where(e => (e.Event == AuditEvents.LoginPassword || e.Event == AuditEvents.LoginSecondFactor || e.Event == AuditEvents.LockedOut)
                && e.Outcome == AuditOutcome.Failure)
            .OrderByDescending(e => e.OccurredAt)
            .Select(e => new AccountEvent(e.OccurredAt, e.IpAddress, e.Event))
            .FirstOrDefaultAsync(ct);

        return new OwnSecurityFigures(user.TwoFactorEnabled,
            user.TwoFactorEnabled ? method >= 0 ? methods[method].Name : CoverageMethods.Unknown : null,
            codesLeft, lastSignIn, lastFailure);
    }
}

/// <summary>What a user's home page shows about their own account.</summary>
public sealed record OwnSecurityFigures(
    bool TwoFactorEnabled, string? Method, int RecoveryCodesLeft, AccountEvent? LastSignIn, AccountEvent? LastFailedAttempt)
{
    public bool RecoveryCodesRunningLow => TwoFactorEnabled && RecoveryCodesLeft <= LowRecoveryCodesAttention.Threshold;
}

/// <summary>A sign-in event of the account: when, from which address, and which kind.</summary>
public sealed record AccountEvent(DateTimeOffset At, string? IpAddress, string Event)
{
    public string Description => Event switch
    {
        AuditEvents.LoginPassword => DashboardStrings.Event_WrongPassword,
        AuditEvents.LoginSecondFactor => DashboardStrings.Event_FailedSecondFactor,
        AuditEvents.LockedOut => DashboardStrings.Event_Locked,
        _ => DashboardStrings.Event_SignedIn,
    };
}
