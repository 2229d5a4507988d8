using Bunit;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;

namespace Lucy.Portal.Tests.Components.Home;

public sealed class HomePageTests : HomeComponentTestBase
{
    [Fact]
    public async Task An_administrator_sees_coverage_unprotected_administrators_sign_ins_and_what_needs_attention()
    {
        var admin = await Data.AddAuthenticatorUserAsync("admin@example.com", role: PortalRoles.Administrator);
        await Data.AddUserAsync("bare-admin@example.com", PortalRoles.Administrator);
        await Data.AddUserAsync("authy@example.com", change: u => (u.TwoFactorEnabled, u.AuthyId) = (true, "42"));
        await Data.AddUserAsync("locked@example.com", change: u => u.LockoutEnd = Time.GetUtcNow().AddMinutes(5));
        await Data.AuditAsync(Time.GetUtcNow().AddHours(-1), AuditEvents.SignInCompleted, actor: admin);
        await Data.AuditAsync(Time.GetUtcNow().AddHours(-1), AuditEvents.LoginPassword, AuditOutcome.Failure);
        SignInAs(admin, PortalRoles.Administrator);

        var page = Render<Lucy.Portal.Components.Pages.Home>();

        page.WaitForAssertion(() => Assert.Equal("50 %", page.Find("[data-testid=coverage-percent]").TextContent.Trim()));
        Assert.Contains("2 of 4 users with 2FA, 2 without", page.Find("[data-testid=coverage-numbers]").TextContent);
        Assert.Equal("1", page.Find("[data-testid='method-Authenticator app']").TextContent);
        Assert.Equal("1", page.Find("[data-testid=method-Authy]").TextContent);
        Assert.Equal("users?email=bare-admin%40example.com",
            page.Find("[data-testid='unprotected-admin-bare-admin@example.com']").GetAttribute("href"));
        Assert.Contains("1 successful · 1 failed password · 0 failed second factor · 0 locked", page.Find("[data-testid=signin-totals]").TextContent);
        Assert.Contains("1 account is locked", page.Find("[data-testid=attention-locked]").TextContent);
        Assert.Contains("locked@example.com", page.Find("[data-testid=attention-locked]").TextContent);
        Assert.Equal("users", page.Find("[data-testid=attention-locked-fix]").GetAttribute("href"));
        Assert.NotEmpty(page.FindAll("[data-testid=coverage-chart] svg, [data-testid=coverage-card] svg"));
    }

    [Theory]
    [InlineData("de", "Authenticator-App")]
    [InlineData("fr", "Application d'authentification")]
    public async Task The_coverage_split_names_the_methods_in_the_users_language(string language, string authenticator)
    {
        using var culture = Localization.StrictLocalization.UseCulture(language);
        var admin = await Data.AddAuthenticatorUserAsync("admin@example.com", role: PortalRoles.Administrator);
        SignInAs(admin, PortalRoles.Administrator);

        var page = Render<Lucy.Portal.Components.Pages.Home>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid='method-Authenticator app']").TextContent));
        Assert.Contains(authenticator, page.Find("[data-testid=coverage-methods]").TextContent);
        Assert.DoesNotContain("Authenticator app", page.Find("[data-testid=coverage-methods]").TextContent);
        Assert.DoesNotContain(Localization.StrictLocalization.MissingMarker, page.Markup);
    }

    [Fact]
    public async Task The_administrator_home_refreshes_on_its_timer_and_shows_a_new_enrolment()
    {
        var admin = await Data.AddAuthenticatorUserAsync("admin@example.com", role: PortalRoles.Administrator);
        await Data.AddUserAsync("later@example.com");
        SignInAs(admin, PortalRoles.Administrator);
        var page = Render<Lucy.Portal.Components.Pages.Home>();
        page.WaitForAssertion(() => Assert.Equal("50 %", page.Find("[data-testid=coverage-percent]").TextContent.Trim()));

        await Data.AddAuthenticatorUserAsync("new@example.com");
        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("50 %", page.Find("[data-testid=coverage-percent]").TextContent.Trim());
        Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("66 %", page.Find("[data-testid=coverage-percent]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_user_without_2fa_is_offered_set_up_and_sees_the_last_failed_attempt()
    {
        var user = await Data.AddUserAsync("ada@example.com");
        await Data.AuditAsync(Time.GetUtcNow().AddDays(-1), AuditEvents.SignInCompleted, actor: user, ip: "198.51.100.7");
        await Data.AuditAsync(Time.GetUtcNow().AddHours(-2), AuditEvents.LoginPassword, AuditOutcome.Failure, user, "203.0.113.66");
        SignInAs(user, PortalRoles.User);

        var page = Render<Lucy.Portal.Components.Pages.Home>();

        page.WaitForAssertion(() => Assert.Equal("account/configure-2fa", page.Find("[data-testid=set-up-2fa]").GetAttribute("href")));
        Assert.Contains("2FA is off", page.Find("[data-testid=own-2fa]").TextContent);
        Assert.Contains("Last sign-in: 2026-11-28 10:00 from 198.51.100.7", page.Find("[data-testid=own-last-sign-in]").TextContent);
        Assert.Contains("Wrong password, 2026-11-29 08:00 from 203.0.113.66", page.Find("[data-testid=own-last-failure]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=administrator-home]"));
    }

    [Fact]
    public async Task A_user_with_2fa_sees_the_method_and_recovery_codes_left()
    {
        var user = await Data.AddAuthenticatorUserAsync("ada@example.com", unusedCodes: 2);
        SignInAs(user, PortalRoles.User);

        var page = Render<Lucy.Portal.Components.Pages.Home>();

        page.WaitForAssertion(() => Assert.Contains("2FA is on, with Authenticator app.", page.Find("[data-testid=own-2fa]").TextContent));
        Assert.Contains("Recovery codes left: 2", page.Find("[data-testid=own-recovery-codes]").TextContent);
        Assert.Contains("Last sign-in: none yet", page.Find("[data-testid=own-last-sign-in]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=own-last-failure]"));
        Assert.Empty(page.FindAll("[data-testid=set-up-2fa]"));
    }
}
