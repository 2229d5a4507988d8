namespace Lucy.Portal.Core.Policy;

/// <summary>
/// The 2FA policy's rules, free of storage so every combination can be tested. Three rules can apply to a user:
/// the administrators rule, the everyone rule, and "keep the 2FA you chose" for a user whose 2FA is on but whose
/// every factor depends on a provider that was removed. When several apply, the shortest grace wins.
/// </summary>
public static class TwoFactorPolicyRules
{
    /// <summary>The grace of the shortest rule that applies to the user; null when no rule applies.</summary>
    public static TimeSpan? Grace(TwoFactorPolicy policy, UserFactorFacts user, ProviderAvailability providers)
    {
        int? days = null;
        if (user.IsAdministrator && policy.RequiredFor is TwoFactorRequiredFor.Administrators or TwoFactorRequiredFor.Everyone)
        {
            days = Shortest(days, policy.AdministratorGraceDays);
        }
        if (policy.RequiredFor == TwoFactorRequiredFor.Everyone)
        {
            days = Shortest(days, policy.EveryoneGraceDays);
        }
        // A provider switch must not quietly turn a user's 2FA into "recovery codes only": they are led to a new
        // factor within the everyone grace, whatever the policy says about users who never had 2FA.
        if (providers.IsStranded(user))
        {
            days = Shortest(days, policy.EveryoneGraceDays);
        }
        return days is { } d ? TimeSpan.FromDays(d) : null;
    }

    /// <summary>True when a rule applies to the user at all (then the user's clock runs, enrolled or not).</summary>
    public static bool Applies(TwoFactorPolicy policy, UserFactorFacts user, ProviderAvailability providers) =>
        Grace(policy, user, providers) is not null;

    /// <summary>
    /// What the user must do now. <paramref name="requiredSince"/> is when a rule first applied to the user (stored per
    /// user, see docs/two-factor-policy.md); the deadline is that moment plus the shortest grace.
    /// </summary>
    public static TwoFactorObligation Evaluate(
        TwoFactorPolicy policy, UserFactorFacts user, ProviderAvailability providers, DateTimeOffset requiredSince, DateTimeOffset now)
    {
        if (providers.HasUsableFactor(user) || Grace(policy, user, providers) is not { } grace)
        {
            return TwoFactorObligation.None;
        }
        var deadline = requiredSince + grace;
        return new TwoFactorObligation(now >= deadline ? TwoFactorObligationKind.Overdue : TwoFactorObligationKind.WithinGrace, deadline);
    }

    private static int Shortest(int? current, int days) => current is { } c ? Math.Min(c, days) : days;
}
