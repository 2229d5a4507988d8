using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

public class LoginTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Correct_password_signs_in_and_returns_to_the_requested_page()
    {
        using var session = _portal.CreateSession();

        using var login = await session.SubmitFormAsync("/Account/Login?returnUrl=%2Faccount", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = PortalFactory.UserEmail,
            ["Input.Password"] = PortalFactory.Password,
        });

        ResponseAssert.RedirectsTo(login, "/account");
        using var account = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(PortalFactory.UserEmail, await account.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Return_url_to_another_site_is_ignored()
    {
        using var session = _portal.CreateSession();

        using var login = await session.SubmitFormAsync("/Account/Login?returnUrl=https%3A%2F%2Fevil.example%2F", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = PortalFactory.UserEmail,
            ["Input.Password"] = PortalFactory.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain("evil.example", login.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Wrong_password_shows_a_clear_message_and_counts_toward_lockout()
    {
        using var session = _portal.CreateSession();

        using var response = await session.LoginAsync(PortalFactory.UserEmail, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await FailedCountAsync(PortalFactory.UserEmail));
    }

    [Fact]
    public async Task A_refused_password_is_not_rendered_back_into_the_page()
    {
        using var session = _portal.CreateSession();

        using var response = await session.LoginAsync(PortalFactory.UserEmail, "typed-secret-close-to-the-real-one");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Wrong email or password.", html);
        Assert.DoesNotContain("typed-secret-close-to-the-real-one", html);
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_message_as_a_wrong_password()
    {
        using var session = _portal.CreateSession();

        using var response = await session.LoginAsync("nobody@lucy.test", "not the password at all");

        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Account_locks_after_the_configured_failures_and_then_refuses_the_right_password()
    {
        using var session = _portal.CreateSession();
        await using var scope = _portal.Services.CreateAsyncScope();
        var maxAttempts = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().Options.Lockout.MaxFailedAccessAttempts;

        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            last?.Dispose();
            last = await session.LoginAsync(PortalFactory.UserEmail, "wrong password " + attempt);
        }
        ResponseAssert.RedirectsTo(last!, "/Account/Lockout");
        last!.Dispose();

        using var correct = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(correct, "/Account/Lockout");
        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task Lockout_follows_the_limit_saved_in_advanced_settings_without_restart()
    {
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>();
            var saved = await settings.SaveAsync(new LockoutSection(MaxFailedAccessAttempts: 2, LockoutMinutes: 30), new SettingsActor("test", "admin@lucy.test"));
            Assert.True(saved.Succeeded);
        }
        using var session = _portal.CreateSession();

        (await session.LoginAsync(PortalFactory.UserEmail, "wrong password one")).Dispose();
        using var second = await session.LoginAsync(PortalFactory.UserEmail, "wrong password two");

        ResponseAssert.RedirectsTo(second, "/Account/Lockout");
        await using var check = _portal.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var lockoutEnd = await users.GetLockoutEndDateAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!);
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
    }

    [Fact]
    public async Task The_lockout_page_names_the_unlock_time_in_the_configured_zone_and_format()
    {
        const string Zone = "Asia/Kolkata";
        const string Format = "dd.MM.yyyy HH:mm";
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>();
            var actor = new SettingsActor("test", "admin@lucy.test");
            Assert.True((await settings.SaveAsync(new LockoutSection(MaxFailedAccessAttempts: 2, LockoutMinutes: 30), actor)).Succeeded);
            Assert.True((await settings.SaveAsync(new DateTimeSection(Zone, Format), actor)).Succeeded);
        }
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, "wrong password one")).Dispose();
        using var locked = await session.LoginAsync(PortalFactory.UserEmail, "wrong password two");
        ResponseAssert.RedirectsTo(locked, "/Account/Lockout?until=");

        using var page = await session.GetAsync(locked.Headers.Location!.OriginalString);

        await using var check = _portal.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var lockoutEnd = (await users.GetLockoutEndDateAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!))!.Value;
        var expected = DateDisplayFormat.For(Zone, Format).Format(DateTimeOffset.FromUnixTimeSeconds(lockoutEnd.ToUnixTimeSeconds()));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"You can try again after {expected}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ended_by_a_lockout_lands_on_the_lockout_page_with_the_unlock_time()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();
        DateTimeOffset lockedUntil;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            // What a wrong current code that locks the account does: lock, then end every session.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
            lockedUntil = DateTimeOffset.UtcNow.AddMinutes(5);
            await users.SetLockoutEndDateAsync(user, lockedUntil);
            await users.UpdateSecurityStampAsync(user);
        }

        using var signedOut = await session.GetAsync("/Account/SignedOut?reason=locked-out");
        ResponseAssert.RedirectsTo(signedOut, "/Account/Lockout?until=");
        using var page = await session.GetAsync(signedOut.Headers.Location!.OriginalString);

        var expected = DateDisplayFormat.Default.Format(lockedUntil);
        Assert.Contains($"You can try again after {expected}", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Lockout")]
    [InlineData("/Account/Lockout?until=4102444800")]
    [InlineData("/Account/Lockout?until=CfDJ8forged")]
    public async Task The_lockout_page_shows_no_time_it_did_not_protect_itself(string path)
    {
        using var session = _portal.CreateSession();

        using var page = await session.GetAsync(path);

        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("This account is locked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("locked-until", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2100", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        using var logout = await session.LogoutAsync();

        ResponseAssert.RedirectsTo(logout, "/Account/Login");
        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task Login_and_logout_are_audited_without_the_password()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, "a wrong password here")).Dispose();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();
        (await session.LogoutAsync()).Dispose();

        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Contains(events, e => e.Event == "login.password" && e.Outcome == AuditOutcome.Failure);
        Assert.Contains(events, e => e.Event == "login.password" && e.Outcome == AuditOutcome.Success);
        Assert.Contains(events, e => e.Event == "login.logout");
        Assert.DoesNotContain(events, e => (e.Detail ?? "").Contains(PortalFactory.Password) || (e.Detail ?? "").Contains("a wrong password"));
    }

    [Fact]
    public async Task The_audit_log_page_shows_administrators_the_sign_ins_in_the_configured_time_zone()
    {
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
                .SaveAsync(new DateTimeSection("Asia/Tokyo", "yyyy-MM-dd HH:mm"), new SettingsActor("test", PortalFactory.AdminEmail));
            Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Select(e => e.Message)));
        }
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, "a wrong password here")).Dispose();
        (await session.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password)).Dispose();

        using var page = await session.GetAsync("/system/audit-log");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Audit Log", await page.Content.ReadAsStringAsync());

        // The table pages on the server once the circuit runs (MudTable ServerData), so its rows are read as the page reads them.
        await using var read = _portal.Services.CreateAsyncScope();
        var rows = (await read.ServiceProvider.GetRequiredService<AuditLogSearch>().SearchAsync(AuditLogFilter.None, 0, 25)).Rows;
        var failed = Assert.Single(rows, e => e.Event == "login.password" && e.ActorEmail == PortalFactory.UserEmail);
        var dates = await read.ServiceProvider.GetRequiredService<DateDisplay>().GetFormatAsync();
        var tokyo = TimeZoneInfo.ConvertTime(failed.OccurredAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Equal(tokyo.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), dates.Format(failed.OccurredAt));
    }

    private async Task<int> FailedCountAsync(string email)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(email))!);
    }
}
