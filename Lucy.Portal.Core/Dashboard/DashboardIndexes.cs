using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// Indexes the home pages' queries need to stay fast at 100,000 users and 1,000,000 audit rows (bench/README.md,
/// "Dashboard queries"). Kept here, beside the queries they serve.
/// </summary>
internal sealed class DashboardAuditIndexes : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        // Sign-ins per day: a range of time per event, Outcome read from the index itself.
        audit.HasIndex(e => new { e.Event, e.OccurredAt, e.Outcome });
        // A user's last sign-in and last failed attempt.
        audit.HasIndex(e => new { e.ActorId, e.Event, e.OccurredAt });
    }
}

internal sealed class DashboardUserIndexes : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> user)
    {
        // Accounts locked now: a range on LockoutEnd instead of a scan of every account.
        user.HasIndex(u => u.LockoutEnd);
        UserFactorCounterConfiguration.Map(user);
        // Coverage by method (and the 2FA policy's counts) walk users by their factors: this index holds all they read
        // (UserFactorCounters keeps the authenticator on the row), so the walk skips the wide user rows (hashes,
        // stamps, emails). Id last: a passkey is probed by it, only for users none of the others covers.
        user.HasIndex(
            nameof(PortalUser.TwoFactorEnabled), UserFactorCounters.AuthenticatorConfirmed, nameof(PortalUser.TwoFactorViaTwilioVerify),
            nameof(PortalUser.AuthyId), nameof(PortalUser.Id));
        // Users low on recovery codes: a short range of this index, not a count of every user's codes.
        user.HasIndex(nameof(PortalUser.TwoFactorEnabled), UserFactorCounters.UnusedRecoveryCodes, nameof(PortalUser.Id));
    }
}

internal sealed class DashboardRecoveryCodeIndexes : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> code) =>
        // Unused codes of one user, read from the index alone.
        code.HasIndex(c => new { c.UserId, c.UsedAt });
}

internal sealed class DashboardTwoFactorClockIndexes : IEntityTypeConfiguration<TwoFactorClock>
{
    public void Configure(EntityTypeBuilder<TwoFactorClock> clock) =>
        // The first users past or near their 2FA deadline: clocks walked in (RequiredSince, UserId) order, stopping
        // after the few named, even when a policy save started every clock at the same instant.
        clock.HasIndex(c => new { c.RequiredSince, c.UserId });
}
