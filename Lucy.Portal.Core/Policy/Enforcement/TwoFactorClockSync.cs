using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>
/// Keeps the per-user clocks right when an administrator changes the policy or the providers: a user a rule newly
/// applies to starts now; a user no rule applies to any more loses the clock (a later rule starts afresh); a user whose
/// only factors the change made unusable (Authy key removed, provider switched) starts again now, so they get the
/// grace period to enrol a new factor instead of being locked out.
/// </summary>
internal sealed class TwoFactorClockSync(PortalDbContext db, UserFactorFactsQuery facts, TimeProvider time) : ISettingsChangeListener
{
    public async Task OnSavedAsync(AdvancedSettingsRow before, AdvancedSettingsRow after, CancellationToken ct)
    {
        var oldPolicy = PolicyOf(before);
        var newPolicy = PolicyOf(after);
        var oldProviders = ProvidersOf(before);
        var newProviders = ProvidersOf(after);
        if (oldPolicy == newPolicy && oldProviders == newProviders)
        {
            return;
        }
        var now = time.GetUtcNow();
        var clocks = await db.Set<TwoFactorClock>().ToDictionaryAsync(c => c.UserId, ct);
        var touched = new List<TwoFactorClock>(clocks.Values);
        foreach (var (userId, user) in await facts.AllAsync(ct))
        {
            var applies = TwoFactorPolicyRules.Applies(newPolicy, user, newProviders);
            var clock = clocks.GetValueOrDefault(userId);
            if (!applies)
            {
                if (clock is not null)
                {
                    db.Remove(clock);
                }
            }
            else if (clock is null)
            {
                var started = new TwoFactorClock { UserId = userId, RequiredSince = now };
                db.Add(started);
                touched.Add(started);
            }
            else if (oldProviders.HasUsableFactor(user) && !newProviders.HasUsableFactor(user))
            {
                clock.RequiredSince = now;
            }
        }
        await db.SaveChangesAsync(ct);
        // The context may live as long as a Blazor circuit: it must not serve these rows stale later.
        touched.ForEach(c => db.Entry(c).State = EntityState.Detached);
    }

    // The step-up window has no bearing on the clocks, so it is left out of the comparison.
    internal static TwoFactorPolicy PolicyOf(AdvancedSettingsRow row) =>
        new(row.TwoFactorRequiredFor, row.TwoFactorAdministratorGraceDays, row.TwoFactorEveryoneGraceDays, StepUpMinutes: 0);

    internal static ProviderAvailability ProvidersOf(AdvancedSettingsRow row) => new(
        row.TwoFactorProvider == TwoFactorProviderKind.Authy && row.ProtectedAuthyApiKey is not null,
        row.TwoFactorProvider == TwoFactorProviderKind.TwilioVerify
            && row.TwilioAccountSid is not null && row.ProtectedTwilioAuthToken is not null && row.TwilioServiceSid is not null);
}
