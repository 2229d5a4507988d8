using System.Net;
using System.Reflection;
using System.Security.Claims;
using Lucy.Portal.Components.Account.Manage.Configure2fa;
using Lucy.Portal.Components.Account.Pages;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Policy;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The 2FA policy end to end: saving it, the per-user deadline, the gate, the router and the banner.</summary>
public sealed class TwoFactorPolicyTests : IAsyncLifetime
{
    private const string Configure2fa = "/account/configure-2fa";
    private readonly TwoFactorPortal _portal = new();

    public async Task InitializeAsync() => await _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    private async Task SetPolicyAsync(TwoFactorRequiredFor who, int adminDays, int everyoneDays)
    {
        var result = await WithAsync(sp => sp.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new TwoFactorPolicySection(new TwoFactorPolicy(who, adminDays, everyoneDays, 5)), new SettingsActor("test", "test@lucy.test")));
        Assert.True(result.Succeeded);
    }

    private Task<string> UserIdAsync(string email) =>
        WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id);

    private async Task<TwoFactorObligation> ObligationAsync(string email)
    {
        var id = await UserIdAsync(email);
        return await WithAsync(sp => sp.GetRequiredService<TwoFactorEnforcement>().GetObligationAsync(id));
    }

    private async Task<PortalSession> SignInAsync(string email)
    {
        var session = _portal.CreateSession();
        using var login = await session.LoginAsync(email, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");
        return session;
    }

    /// <summary>Every page the portal routes to without a parameter, as a browser would type it.</summary>
    public static TheoryData<string> EveryRoute()
    {
        var routes = new TheoryData<string>();
        foreach (var template in typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => r.Template)
            .Where(t => !t.Contains('{', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal))
        {
            routes.Add(template);
        }
        return routes;
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task An_overdue_user_reaches_configure_2fa_and_nothing_else(string route)
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 0, 0);
        using var session = await SignInAsync(PortalFactory.UserEmail);

        using var response = await session.GetAsync(route);

        if (route.Equals(Configure2fa, StringComparison.OrdinalIgnoreCase))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else if (IsAnonymousPage(route))
        {
            // The login, setup, lockout pages and the like serve anyone and show no portal data.
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        else
        {
            ResponseAssert.RedirectsTo(response, Configure2fa);
        }
    }

    [Fact]
    public async Task Everyone_with_zero_days_takes_a_user_without_2fa_from_the_password_step_to_configure_2fa()
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 0, 0);
        using var session = await SignInAsync(PortalFactory.UserEmail);

        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, Configure2fa);
        using var wizard = await session.GetAsync(Configure2fa);
        Assert.Equal(HttpStatusCode.OK, wizard.StatusCode);
        var html = await wizard.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"two-factor-policy-overdue\"", html);

        // The wizard page's own Log out form works.
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalSession.AntiforgeryToken(html) });
        using var logout = await session.Client.PostAsync("/Account/Logout", form);
        ResponseAssert.RedirectsTo(logout, "/Account/Login");
    }

    [Fact]
    public async Task The_interactive_router_admits_an_overdue_user_to_configure_2fa_only()
    {
        var admitted = await PagesAdmittingAsync(Principal(overdue: true, mustChangePassword: false));

        Assert.Equal([nameof(Configure2faPage)], admitted);
    }

    [Fact]
    public async Task A_pending_password_change_comes_before_the_overdue_enrolment()
    {
        var admitted = await PagesAdmittingAsync(Principal(overdue: true, mustChangePassword: true));

        Assert.Equal([nameof(ChangePassword)], admitted);
    }

    [Fact]
    public async Task Inside_the_grace_period_every_page_shows_the_deadline_and_set_up_now()
    {
        var start = _portal.Time.GetUtcNow();
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 7, 7);
        using var session = await SignInAsync(PortalFactory.UserEmail);

        foreach (var page in new[] { "/", "/account" })
        {
            using var response = await session.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"two-factor-policy-banner\"", html);
            Assert.Contains((start + TimeSpan.FromDays(7)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), html);
            Assert.Contains("Set up now", html);
        }
    }

    [Fact]
    public async Task After_the_grace_period_the_next_login_lands_on_configure_2fa()
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 7, 7);
        _portal.Time.Advance(TimeSpan.FromDays(7));
        using var session = await SignInAsync(PortalFactory.UserEmail);

        using var home = await session.GetAsync("/");

        ResponseAssert.RedirectsTo(home, Configure2fa);
    }

    [Fact]
    public async Task Requiring_2fa_for_administrators_holds_administrators_and_leaves_users_free()
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Administrators, 0, 0);

        using var user = await SignInAsync(PortalFactory.UserEmail);
        using var userHome = await user.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, userHome.StatusCode);
        Assert.DoesNotContain("two-factor-policy-banner", await userHome.Content.ReadAsStringAsync());

        using var admin = await SignInAsync(PortalFactory.AdminEmail);
        using var settings = await admin.GetAsync("/system/advanced-settings");
        ResponseAssert.RedirectsTo(settings, Configure2fa);
    }

    [Fact]
    public async Task An_enrolled_user_is_not_held_by_any_policy()
    {
        await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 0, 0);

        Assert.Equal(TwoFactorObligation.None, await ObligationAsync(PortalFactory.UserEmail));
    }

    [Fact]
    public async Task Shortening_the_grace_later_counts_from_when_the_rule_first_applied()
    {
        var start = _portal.Time.GetUtcNow();
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 7, 7);
        _portal.Time.Advance(TimeSpan.FromDays(2));

        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 3, 3);

        Assert.Equal(start + TimeSpan.FromDays(3), (await ObligationAsync(PortalFactory.UserEmail)).Deadline);
    }

    [Fact]
    public async Task Turning_the_policy_off_and_on_again_starts_a_new_grace_period()
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 7, 7);
        _portal.Time.Advance(TimeSpan.FromDays(10));
        await SetPolicyAsync(TwoFactorRequiredFor.Off, 7, 7);
        Assert.Equal(TwoFactorObligation.None, await ObligationAsync(PortalFactory.UserEmail));

        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 7, 7);

        var obligation = await ObligationAsync(PortalFactory.UserEmail);
        Assert.Equal(TwoFactorObligationKind.WithinGrace, obligation.Kind);
        Assert.Equal(_portal.Time.GetUtcNow() + TimeSpan.FromDays(7), obligation.Deadline);
    }

    [Fact]
    public async Task An_administrator_added_after_the_policy_gets_the_full_grace_from_first_sight()
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Administrators, 5, 5);
        _portal.Time.Advance(TimeSpan.FromDays(30));
        await _portal.CreateUserAsync("late-admin@lucy.test", PortalRoles.Administrator, mustChangePassword: false);

        var obligation = await ObligationAsync("late-admin@lucy.test");

        Assert.Equal(TwoFactorObligationKind.WithinGrace, obligation.Kind);
        Assert.Equal(_portal.Time.GetUtcNow() + TimeSpan.FromDays(5), obligation.Deadline);
    }

    [Fact]
    public async Task Losing_the_factor_after_the_deadline_means_enrolling_again_at_the_next_login()
    {
        var enrolled = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 3, 3);
        _portal.Time.Advance(TimeSpan.FromDays(4));

        // What an administrator's "Reset 2FA" or the user's own "disable" leaves behind.
        await WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(enrolled.Id))!;
            await sp.GetRequiredService<Lucy.Portal.Core.TwoFactor.AuthenticatorEnrollment>().RemoveAsync(user);
            await users.SetTwoFactorEnabledAsync(user, false);
            return true;
        });

        Assert.Equal(TwoFactorObligationKind.Overdue, (await ObligationAsync(PortalFactory.UserEmail)).Kind);
    }

    [Fact]
    public async Task Before_saving_the_page_counts_the_users_a_policy_change_affects()
    {
        await _portal.CreateUserAsync("enrolled@lucy.test", PortalRoles.User, mustChangePassword: false);
        await _portal.EnrollAuthenticatorAsync("enrolled@lucy.test");

        var everyoneNow = await WithAsync(sp => sp.GetRequiredService<TwoFactorPolicyImpact>()
            .OfPolicyAsync(new TwoFactorPolicy(TwoFactorRequiredFor.Everyone, 0, 0, 5)));
        var adminsLater = await WithAsync(sp => sp.GetRequiredService<TwoFactorPolicyImpact>()
            .OfPolicyAsync(new TwoFactorPolicy(TwoFactorRequiredFor.Administrators, 7, 7, 5)));

        Assert.Equal(new PolicyImpact(Affected: 2, AtNextLogin: 2), everyoneNow);
        Assert.Equal(new PolicyImpact(Affected: 1, AtNextLogin: 0), adminsLater);
    }

    [Fact]
    public async Task Changing_only_the_step_up_window_affects_nobody()
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Everyone, 7, 7);

        var impact = await WithAsync(sp => sp.GetRequiredService<TwoFactorPolicyImpact>()
            .OfPolicyAsync(new TwoFactorPolicy(TwoFactorRequiredFor.Everyone, 7, 7, 30)));

        Assert.Equal(new PolicyImpact(0, 0), impact);
    }

    private static bool IsAnonymousPage(string route) =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Any(r => r.Template.Equals(route, StringComparison.OrdinalIgnoreCase)))
            .Any(t => t.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any());

    private static IEnumerable<Type> ProtectedPages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Any())
            .Where(t => !t.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any());

    private static ClaimsPrincipal Principal(bool overdue, bool mustChangePassword)
    {
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "admin-id"));
        identity.AddClaim(new Claim(ClaimTypes.Name, PortalFactory.AdminEmail));
        identity.AddClaim(new Claim(ClaimTypes.Role, PortalRoles.Administrator));
        if (overdue)
        {
            identity.AddClaim(new Claim(PortalClaimTypes.TwoFactorOverdue, "true"));
        }
        if (mustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaimTypes.MustChangePassword, "true"));
        }
        return new ClaimsPrincipal(identity);
    }

    private async Task<IReadOnlyList<string>> PagesAdmittingAsync(ClaimsPrincipal user)
    {
        var policies = _portal.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = _portal.Services.GetRequiredService<IAuthorizationService>();
        var admitted = new List<string>();
        foreach (var page in ProtectedPages())
        {
            var policy = await AuthorizationPolicy.CombineAsync(policies, page.GetCustomAttributes(inherit: true).OfType<IAuthorizeData>());
            if ((await authorization.AuthorizeAsync(user, resource: null, policy!)).Succeeded)
            {
                admitted.Add(page.Name);
            }
        }
        return admitted;
    }
}
