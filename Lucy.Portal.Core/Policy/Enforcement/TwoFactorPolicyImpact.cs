using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>How many users a policy change affects: their obligation or deadline changes; some must enrol at the next login.</summary>
public sealed record PolicyImpact(int Affected, int AtNextLogin);

/// <summary>
/// The counts the settings page shows before a change is saved: users whose 2FA obligation a new policy changes, and
/// users a provider change would leave with recovery codes only. Counted in SQL by <see cref="UserCategory"/>
/// (<see cref="TwoFactorObligationQuery"/>), with the same outcome as evaluating <see cref="TwoFactorPolicyRules"/>
/// for every user.
/// </summary>
public sealed class TwoFactorPolicyImpact(PortalDbContext db, TwoFactorObligationQuery obligations, AdvancedSettingsCache settings, TimeProvider time)
{
    public async Task<PolicyImpact> OfPolicyAsync(TwoFactorPolicy proposed, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        var providers = current.Providers;
        var now = time.GetUtcNow();
        // The providers stay, so a user's category stays; the clock stays where a rule applied before (a rule that did
        // not apply starts it at the save). So an obligation changes exactly where the category's grace changes.
        var changed = UserCategory.All
            .Select(c => (Category: c,
                Before: TwoFactorObligationQuery.Grace(current.TwoFactorPolicy, providers, c),
                After: TwoFactorObligationQuery.Grace(proposed, providers, c)))
            .Where(c => c.Before != c.After)
            .ToList();
        if (changed.Count == 0)
        {
            return new PolicyImpact(0, 0);
        }
        var affected = await obligations.UsersIn([.. changed.Select(c => c.Category)], providers).CountAsync(ct);

        // Overdue at once: everyone of a category whose new grace is zero; otherwise those whose running clock is
        // older than the new grace (a clock that starts at the save is never overdue).
        var atNextLogin = 0;
        var noGrace = changed.Where(c => c.After == TimeSpan.Zero).Select(c => c.Category).ToList();
        if (noGrace.Count > 0)
        {
            atNextLogin += await obligations.UsersIn(noGrace, providers).CountAsync(ct);
        }
        foreach (var byGrace in changed.Where(c => c.Before is not null && c.After > TimeSpan.Zero).GroupBy(c => c.After!.Value, c => c.Category))
        {
            var passedBefore = now - byGrace.Key;
            atNextLogin += await obligations.WithClock(obligations.UsersIn([.. byGrace], providers), now)
                .CountAsync(u => u.Since <= passedBefore, ct);
        }
        return new PolicyImpact(affected, atNextLogin);
    }

    /// <summary>Users with 2FA on whose every factor would stop working with <paramref name="proposed"/> providers.</summary>
    public async Task<int> StrandedByAsync(ProviderAvailability proposed, CancellationToken ct = default)
    {
        var current = (await settings.GetAsync(ct)).Providers;
        return await db.Users.AsNoTracking()
            .Where(obligations.HoldsUsableFactor(current).And(obligations.HoldsUsableFactor(proposed).Not()))
            .CountAsync(ct);
    }
}
