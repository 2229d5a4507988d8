using System.Net;
using System.Text.RegularExpressions;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

public class PasswordChangeTests : IAsyncLifetime
{
    private const string NewUserEmail = "new.user@lucy.test";
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        await _portal.CreateUserAsync(NewUserEmail, PortalRoles.User, mustChangePassword: true);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<HttpResponseMessage> ChangeAsync(PortalSession session, string current, string next, string? confirm = null) =>
        session.SubmitFormAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm ?? next,
        });

    [Fact]
    public async Task A_user_with_an_administrator_chosen_password_reaches_only_the_change_page_until_changed()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(NewUserEmail, PortalFactory.Password)).Dispose();

        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/ChangePassword");

        using var changed = await ChangeAsync(session, PortalFactory.Password, "my very own passphrase 2026");
        ResponseAssert.RedirectsTo(changed, "/");

        using var after = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_short_new_password_is_told_the_effective_minimum_once()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(NewUserEmail, PortalFactory.Password)).Dispose();

        using var response = await ChangeAsync(session, PortalFactory.Password, "short");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Single(Regex.Matches(page, "Passwords must be at least 12 characters", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("at least 8", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Creating_a_user_with_a_short_password_gives_one_error_with_the_configured_minimum()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new PasswordSection(16, 0), new SettingsActor("test", PortalFactory.AdminEmail));
        Assert.True(saved.Succeeded);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        var tooShort = await users.CreateAsync(new PortalUser { UserName = "x@lucy.test", Email = "x@lucy.test" }, "abcdefg");
        var justRight = await users.CreateAsync(new PortalUser { UserName = "y@lucy.test", Email = "y@lucy.test" }, new string('a', 16));

        Assert.Equal("Passwords must be at least 16 characters.", Assert.Single(tooShort.Errors).Description);
        Assert.True(justRight.Succeeded);
    }

    [Fact]
    public async Task A_user_who_must_change_the_password_can_log_out_from_the_change_page()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(NewUserEmail, PortalFactory.Password)).Dispose();

        using var page = await session.GetAsync("/Account/ChangePassword");
        var html = await page.Content.ReadAsStringAsync();
        var logoutForm = html[html.IndexOf("data-testid=\"change-password-logout-form\"", StringComparison.Ordinal)..];
        Assert.Contains("action=\"Account/Logout\"", html, StringComparison.Ordinal);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.AntiforgeryToken(logoutForm),
        });
        using var loggedOut = await session.Client.PostAsync("/Account/Logout", content);

        ResponseAssert.RedirectsTo(loggedOut, "/Account/Login");
        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(NewUserEmail, PortalFactory.Password)).Dispose();

        using var response = await ChangeAsync(session, "not my current password", "my very own passphrase 2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Incorrect password", await response.Content.ReadAsStringAsync());
        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/ChangePassword");
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_of_that_user()
    {
        await using var portal = new StampCheckedOnEveryRequest();
        await portal.SeedAccountsAsync();
        using var first = portal.CreateSession();
        using var second = portal.CreateSession();
        (await first.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();
        (await second.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        (await ChangeAsync(first, PortalFactory.Password, "a brand new passphrase 2026")).Dispose();

        using var stillSignedIn = await first.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        using var signedOut = await second.GetAsync("/account");
        ResponseAssert.RedirectsTo(signedOut, "/Account/Login");
    }

    [Fact]
    public async Task With_a_rotation_period_set_an_older_password_must_be_replaced_at_the_next_login()
    {
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<Lucy.Portal.Core.Settings.AdvancedSettingsService>();
            var current = await settings.GetAsync();
            var saved = await settings.SaveAsync(new Lucy.Portal.Core.Settings.PasswordSection(current.PasswordMinimumLength, RotationDays: 30),
                new Lucy.Portal.Core.Settings.SettingsActor("test", PortalFactory.AdminEmail));
            Assert.True(saved.Succeeded);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
            user.PasswordChangedAt = DateTimeOffset.UtcNow.AddDays(-31);
            await users.UpdateAsync(user);
        }
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/ChangePassword");

        (await ChangeAsync(session, PortalFactory.Password, "a rotated passphrase 2026")).Dispose();
        using var after = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Guessing_the_current_password_on_the_change_page_locks_the_account_like_any_password_check()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        // A stolen session guesses the current password to take the account for good.
        var allowance = (await _portal.Services.GetRequiredService<AdvancedSettingsCache>().GetAsync()).MaxFailedAccessAttempts;
        for (var i = 0; i < allowance; i++)
        {
            using var answer = await ChangeAsync(session, "guess number " + i, "attacker own passphrase 2026");
            var html = await answer.Content.ReadAsStringAsync();
            Assert.Contains(i < allowance - 1 ? "Incorrect password." : "Too many wrong passwords", html);
            // Neither the guess nor the new password is rendered back.
            Assert.DoesNotContain("guess number", html);
            Assert.DoesNotContain("attacker own passphrase 2026", html);
        }

        // The lockout ended the session that guessed: it cannot even reach the page again.
        using (var again = await session.GetAsync("/Account/ChangePassword"))
        {
            Assert.Contains("/Account/Login", again.Headers.Location?.ToString() ?? "");
        }
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        Assert.True(await users.IsLockedOutAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, PortalFactory.Password));
    }

    [Fact]
    public async Task Twenty_tabs_guessing_the_current_password_at_once_check_no_more_guesses_than_one_lockout_allows()
    {
        var tabs = new List<(AsyncServiceScope Scope, PasswordChange Change, PortalUser User)>();
        for (var i = 0; i < 20; i++)
        {
            var scope = _portal.Services.CreateAsyncScope();
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!;
            tabs.Add((scope, scope.ServiceProvider.GetRequiredService<PasswordChange>(), user));
        }

        await Race.AllAtOnceAsync(tabs, tab => tab.Change.ChangeAsync(tab.User, "a wrong guess", "attacker own passphrase 2026", null));

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Lucy.Portal.Core.Data.PortalDbContext>();
            // Every password checked and refused is audited as a failed change; a guess refused for the spent allowance is not.
            var checkedGuesses = await db.AuditEvents.CountAsync(e => e.Event == Lucy.Portal.Core.Auditing.AuditEvents.PasswordChanged);
            var allowance = (await scope.ServiceProvider.GetRequiredService<AdvancedSettingsCache>().GetAsync()).MaxFailedAccessAttempts;
            Assert.InRange(checkedGuesses, 1, allowance);
        }
        foreach (var tab in tabs)
        {
            await tab.Scope.DisposeAsync();
        }
    }

    /// <summary>Checks the security stamp on every request instead of once a minute, so the test needs no clock.</summary>
    private sealed class StampCheckedOnEveryRequest : PortalFactory
    {
        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
    }
}
