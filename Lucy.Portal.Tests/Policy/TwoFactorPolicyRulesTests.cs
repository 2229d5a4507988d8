using Lucy.Portal.Core.Policy;

namespace Lucy.Portal.Tests.Policy;

/// <summary>
/// The 2FA policy for every combination: role × factor on record × provider in use × policy × within/after grace.
/// Expectations are written out by hand, row by row, not recomputed with the rules under test.
/// </summary>
public class TwoFactorPolicyRulesTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    // Administrators get 3 days, everyone 7: an administrator under "everyone" gets the shorter 3.
    private static TwoFactorPolicy Policy(TwoFactorRequiredFor requiredFor) => new(requiredFor, AdministratorGraceDays: 3, EveryoneGraceDays: 7, StepUpMinutes: 5);

    private static UserFactorFacts User(string role, string factor) => new(
        IsAdministrator: role == "admin",
        TwoFactorEnabled: factor != "none",
        HasAuthenticator: factor == "authenticator",
        HasAuthy: factor == "authy",
        HasTwilioVerify: factor == "verify",
        HasPasskey: factor == "passkey");

    private static ProviderAvailability Providers(string provider) => provider switch
    {
        "builtin" => new(AuthyUsable: false, TwilioVerifyUsable: false),
        "authy" => new(AuthyUsable: true, TwilioVerifyUsable: false),
        "verify" => new(AuthyUsable: false, TwilioVerifyUsable: true),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>Whether a factor still works under each provider (the provider dimension of the table).</summary>
    [Theory]
    [InlineData("none", "builtin", false)]
    [InlineData("none", "authy", false)]
    [InlineData("none", "verify", false)]
    [InlineData("authenticator", "builtin", true)]
    [InlineData("authenticator", "authy", true)]
    [InlineData("authenticator", "verify", true)]
    [InlineData("authy", "builtin", false)]
    [InlineData("authy", "authy", true)]
    [InlineData("authy", "verify", false)]
    [InlineData("verify", "builtin", false)]
    [InlineData("verify", "authy", false)]
    [InlineData("verify", "verify", true)]
    [InlineData("passkey", "builtin", true)]
    [InlineData("passkey", "authy", true)]
    [InlineData("passkey", "verify", true)]
    public void A_factor_is_usable_only_while_its_provider_is_in_use(string factor, string provider, bool usable)
    {
        Assert.Equal(usable, Providers(provider).HasUsableFactor(User("user", factor)));
        Assert.Equal(factor != "none" && !usable, Providers(provider).IsStranded(User("user", factor)));
    }

    // Expected: "-" nothing to do; "3"/"7" must enrol with that many days of grace. All 72 combinations of
    // policy × role × factor on record × provider in use; a factor whose provider is gone leaves the user "stranded"
    // (recovery codes only), which the everyone grace (7) covers even when the policy is off.
    public static TheoryData<string, string, string, string, string> Grace => new()
    {
        // policy, role, factor, provider, grace
        { "off", "user", "none", "builtin", "-" },
        { "off", "user", "none", "authy", "-" },
        { "off", "user", "none", "verify", "-" },
        { "off", "user", "authenticator", "builtin", "-" },
        { "off", "user", "authenticator", "authy", "-" },
        { "off", "user", "authenticator", "verify", "-" },
        { "off", "user", "authy", "builtin", "7" },
        { "off", "user", "authy", "authy", "-" },
        { "off", "user", "authy", "verify", "7" },
        { "off", "user", "verify", "builtin", "7" },
        { "off", "user", "verify", "authy", "7" },
        { "off", "user", "verify", "verify", "-" },
        { "off", "admin", "none", "builtin", "-" },
        { "off", "admin", "none", "authy", "-" },
        { "off", "admin", "none", "verify", "-" },
        { "off", "admin", "authenticator", "builtin", "-" },
        { "off", "admin", "authenticator", "authy", "-" },
        { "off", "admin", "authenticator", "verify", "-" },
        { "off", "admin", "authy", "builtin", "7" },
        { "off", "admin", "authy", "authy", "-" },
        { "off", "admin", "authy", "verify", "7" },
        { "off", "admin", "verify", "builtin", "7" },
        { "off", "admin", "verify", "authy", "7" },
        { "off", "admin", "verify", "verify", "-" },
        { "admins", "user", "none", "builtin", "-" },
        { "admins", "user", "none", "authy", "-" },
        { "admins", "user", "none", "verify", "-" },
        { "admins", "user", "authenticator", "builtin", "-" },
        { "admins", "user", "authenticator", "authy", "-" },
        { "admins", "user", "authenticator", "verify", "-" },
        { "admins", "user", "authy", "builtin", "7" },
        { "admins", "user", "authy", "authy", "-" },
        { "admins", "user", "authy", "verify", "7" },
        { "admins", "user", "verify", "builtin", "7" },
        { "admins", "user", "verify", "authy", "7" },
        { "admins", "user", "verify", "verify", "-" },
        { "admins", "admin", "none", "builtin", "3" },
        { "admins", "admin", "none", "authy", "3" },
        { "admins", "admin", "none", "verify", "3" },
        { "admins", "admin", "authenticator", "builtin", "-" },
        { "admins", "admin", "authenticator", "authy", "-" },
        { "admins", "admin", "authenticator", "verify", "-" },
        { "admins", "admin", "authy", "builtin", "3" },
        { "admins", "admin", "authy", "authy", "-" },
        { "admins", "admin", "authy", "verify", "3" },
        { "admins", "admin", "verify", "builtin", "3" },
        { "admins", "admin", "verify", "authy", "3" },
        { "admins", "admin", "verify", "verify", "-" },
        { "everyone", "user", "none", "builtin", "7" },
        { "everyone", "user", "none", "authy", "7" },
        { "everyone", "user", "none", "verify", "7" },
        { "everyone", "user", "authenticator", "builtin", "-" },
        { "everyone", "user", "authenticator", "authy", "-" },
        { "everyone", "user", "authenticator", "verify", "-" },
        { "everyone", "user", "authy", "builtin", "7" },
        { "everyone", "user", "authy", "authy", "-" },
        { "everyone", "user", "authy", "verify", "7" },
        { "everyone", "user", "verify", "builtin", "7" },
        { "everyone", "user", "verify", "authy", "7" },
        { "everyone", "user", "verify", "verify", "-" },
        { "everyone", "admin", "none", "builtin", "3" },
        { "everyone", "admin", "none", "authy", "3" },
        { "everyone", "admin", "none", "verify", "3" },
        { "everyone", "admin", "authenticator", "builtin", "-" },
        { "everyone", "admin", "authenticator", "authy", "-" },
        { "everyone", "admin", "authenticator", "verify", "-" },
        { "everyone", "admin", "authy", "builtin", "3" },
        { "everyone", "admin", "authy", "authy", "-" },
        { "everyone", "admin", "authy", "verify", "3" },
        { "everyone", "admin", "verify", "builtin", "3" },
        { "everyone", "admin", "verify", "authy", "3" },
        { "everyone", "admin", "verify", "verify", "-" },
    };

    [Theory]
    [MemberData(nameof(Grace))]
    public void The_shortest_grace_of_the_rules_that_apply_sets_the_deadline(string policy, string role, string factor, string provider, string grace)
    {
        foreach (var (offset, expectedKind) in new[]
        {
            (TimeSpan.Zero, TwoFactorObligationKind.WithinGrace),
            (TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1), TwoFactorObligationKind.WithinGrace),
            (TimeSpan.FromDays(3), grace == "3" ? TwoFactorObligationKind.Overdue : TwoFactorObligationKind.WithinGrace),
            (TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1), grace == "3" ? TwoFactorObligationKind.Overdue : TwoFactorObligationKind.WithinGrace),
            (TimeSpan.FromDays(7), TwoFactorObligationKind.Overdue),
        })
        {
            var obligation = TwoFactorPolicyRules.Evaluate(Policy(Parse(policy)), User(role, factor), Providers(provider), Since, Since + offset);

            if (grace == "-")
            {
                Assert.Equal(TwoFactorObligation.None, obligation);
                continue;
            }
            Assert.Equal(expectedKind, obligation.Kind);
            Assert.Equal(Since + TimeSpan.FromDays(int.Parse(grace, System.Globalization.CultureInfo.InvariantCulture)), obligation.Deadline);
        }
    }

    [Theory]
    [InlineData(TwoFactorRequiredFor.Administrators, "admin")]
    [InlineData(TwoFactorRequiredFor.Everyone, "admin")]
    [InlineData(TwoFactorRequiredFor.Everyone, "user")]
    public void Zero_days_means_at_the_next_login(TwoFactorRequiredFor requiredFor, string role)
    {
        var policy = new TwoFactorPolicy(requiredFor, AdministratorGraceDays: 0, EveryoneGraceDays: 0, StepUpMinutes: 5);

        var obligation = TwoFactorPolicyRules.Evaluate(policy, User(role, "none"), Providers("builtin"), Since, Since);

        Assert.Equal(TwoFactorObligationKind.Overdue, obligation.Kind);
    }

    [Fact]
    public void Under_everyone_an_administrator_gets_the_everyone_grace_when_it_is_shorter()
    {
        var policy = new TwoFactorPolicy(TwoFactorRequiredFor.Everyone, AdministratorGraceDays: 10, EveryoneGraceDays: 2, StepUpMinutes: 5);

        Assert.Equal(TimeSpan.FromDays(2), TwoFactorPolicyRules.Grace(policy, User("admin", "none"), Providers("builtin")));
    }

    [Theory]
    [InlineData(-1, 7, 5, "AdministratorGraceDays")]
    [InlineData(91, 7, 5, "AdministratorGraceDays")]
    [InlineData(7, -1, 5, "EveryoneGraceDays")]
    [InlineData(7, 7, 0, "StepUpMinutes")]
    [InlineData(7, 7, 61, "StepUpMinutes")]
    public void Out_of_range_values_are_refused_by_field(int adminDays, int everyoneDays, int stepUpMinutes, string field)
    {
        var errors = new TwoFactorPolicy(TwoFactorRequiredFor.Everyone, adminDays, everyoneDays, stepUpMinutes).Validate();

        Assert.Equal([field], errors.Select(e => e.Field));
    }

    [Fact]
    public void The_defaults_are_valid_and_leave_2fa_optional()
    {
        Assert.Empty(TwoFactorPolicy.Default.Validate());
        Assert.Equal(TwoFactorRequiredFor.Off, TwoFactorPolicy.Default.RequiredFor);
        Assert.Equal(TimeSpan.FromMinutes(5), TwoFactorPolicy.Default.StepUpWindow);
    }

    private static TwoFactorRequiredFor Parse(string policy) => policy switch
    {
        "off" => TwoFactorRequiredFor.Off,
        "admins" => TwoFactorRequiredFor.Administrators,
        _ => TwoFactorRequiredFor.Everyone,
    };
}
