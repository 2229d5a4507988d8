using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>How many users a policy change affects: their obligation or deadline changes; some must enrol at the next login.</summary>
public sealed record PolicyImpact(int Affected, int AtNextLogin);

/// <summary>
/// The counts the settings page shows before a change is saved: users whose 2FA obligation a new policy changes, and
/// users a provider change would leave with recovery codes only.
/// </summary>
public sealed class TwoFactorPolicyImpact(PortalDbContext db, UserFactorFactsQuery facts, AdvancedSettingsCache settings, TimeProvider time)
{
    public async Task<PolicyImpact> OfPolicyAsync(TwoFactorPolicy proposed, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        var now = time.GetUtcNow();
        var clocks = await db.Set<TwoFactorClock>().AsNoTracking().ToDictionaryAsync(c => c.UserId, c => c.RequiredSince, ct);
        int affected = 0, atNextLogin = 0;
        foreach (var (userId, user) in await facts.AllAsync(ct))
        {
            var since = clocks.TryGetValue(userId, out var s) ? s : now;
            var before = TwoFactorPolicyRules.Evaluate(current.TwoFactorPolicy, user, current.Providers, since, now);
            // A rule that did not apply before starts the user's clock at the save.
            var sinceAfter = TwoFactorPolicyRules.Applies(current.TwoFactorPolicy, user, current.Providers) ? since : now;
            var after = TwoFactorPolicyRules.Evaluate(proposed, user, current.Providers, sinceAfter, now);
            if (before != after)
            {
                affected++;
                if (after.Kind == TwoFactorObligationKind.Overdue)
                {
                    atNextLogin++;
                }
            }
        }
        return new PolicyImpact(affected, atNextLogin);
    }

    /// <summary>Users with 2FA on whose every factor would stop working with <paramref name="proposed"/> providers.</summary>
    public async Task<int> StrandedByAsync(ProviderAvailability proposed, CancellationToken ct = default)
    {
        var current = (await settings.GetAsync(ct)).Providers;
        return (await facts.AllAsync(ct)).Values.Count(u => current.HasUsableFactor(u) && !proposed.HasUsableFactor(u));
    }
}
