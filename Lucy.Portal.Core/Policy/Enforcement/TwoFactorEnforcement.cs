using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>
/// Where one user stands against the 2FA policy now: nothing to do, set up 2FA by a deadline, or overdue. A rule
/// that applies to a user without a clock yet (a new account, a promotion to administrator) starts it now.
/// </summary>
public sealed class TwoFactorEnforcement(
    PortalDbContext db,
    UserFactorFactsQuery facts,
    AdvancedSettingsCache settings,
    TimeProvider time)
{
    public async Task<TwoFactorObligation> GetObligationAsync(string userId, CancellationToken ct = default)
    {
        if (await facts.ForUserAsync(userId, ct) is not { } user)
        {
            return TwoFactorObligation.None;
        }
        var current = await settings.GetAsync(ct);
        if (!TwoFactorPolicyRules.Applies(current.TwoFactorPolicy, user, current.Providers))
        {
            return TwoFactorObligation.None;
        }
        var now = time.GetUtcNow();
        var since = await RequiredSinceAsync(userId, now, ct);
        return TwoFactorPolicyRules.Evaluate(current.TwoFactorPolicy, user, current.Providers, since, now);
    }

    private async Task<DateTimeOffset> RequiredSinceAsync(string userId, DateTimeOffset now, CancellationToken ct)
    {
        var clocks = db.Set<TwoFactorClock>();
        if (await clocks.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == userId, ct) is { } clock)
        {
            return clock.RequiredSince;
        }
        var started = new TwoFactorClock { UserId = userId, RequiredSince = now };
        clocks.Add(started);
        try
        {
            await db.SaveChangesAsync(ct);
            return now;
        }
        catch (DbUpdateException)
        {
            // Another request started the clock first: its moment counts.
            return (await clocks.AsNoTracking().FirstAsync(c => c.UserId == userId, ct)).RequiredSince;
        }
        finally
        {
            db.Entry(started).State = EntityState.Detached;
        }
    }
}
