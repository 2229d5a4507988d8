using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The server-side session behind the cookie: absolute lifetime, idle timeout, logout, log out everywhere.</summary>
public class SessionLifetimeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly PortalFactory _portal = new();

    public async Task InitializeAsync()
    {
        _portal.Clock = _time;
        await _portal.SeedAccountsAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<PortalSession> SignedInAsync()
    {
        var session = _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");
        return session;
    }

    private static async Task AssertSignedInAsync(PortalSession session)
    {
        using var page = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static async Task AssertSignedOutAsync(PortalSession session)
    {
        using var page = await session.GetAsync("/account");
        ResponseAssert.RedirectsTo(page, "/Account/Login");
    }

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    [Fact]
    public async Task An_active_session_still_ends_at_its_absolute_lifetime()
    {
        using var session = await SignedInAsync();

        // A request every 25 minutes: never idle, yet twelve hours after the login the session is over.
        for (var elapsed = TimeSpan.Zero; elapsed + TimeSpan.FromMinutes(25) < TimeSpan.FromHours(12); elapsed += TimeSpan.FromMinutes(25))
        {
            _time.Advance(TimeSpan.FromMinutes(25));
            await AssertSignedInAsync(session);
        }
        _time.Advance(TimeSpan.FromMinutes(25));

        await AssertSignedOutAsync(session);
        var audit = await WithAsync(sp => sp.GetRequiredService<AuditLog>().RecentAsync(5));
        Assert.Contains(audit, e => e.Event == AuditEvents.SessionExpired && e.Detail == SessionEndReasons.AbsoluteLifetime);
    }

    [Fact]
    public async Task Requests_within_the_idle_timeout_keep_the_session_open()
    {
        using var session = await SignedInAsync();

        _time.Advance(TimeSpan.FromMinutes(29));
        await AssertSignedInAsync(session);
        _time.Advance(TimeSpan.FromMinutes(29));

        await AssertSignedInAsync(session);
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_timeout_ends()
    {
        using var session = await SignedInAsync();

        _time.Advance(TimeSpan.FromMinutes(31));

        await AssertSignedOutAsync(session);
        // Ended for good: coming back at once does not revive it.
        await AssertSignedOutAsync(session);
        var audit = await WithAsync(sp => sp.GetRequiredService<AuditLog>().RecentAsync(5));
        Assert.Contains(audit, e => e.Event == AuditEvents.SessionExpired && e.Detail == SessionEndReasons.IdleTimeout);
    }

    [Fact]
    public async Task A_shorter_idle_timeout_saved_in_advanced_settings_applies_to_open_sessions()
    {
        using var session = await SignedInAsync();
        var saved = await WithAsync(sp => sp.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new SessionSection(AbsoluteHours: 12, IdleMinutes: 5), new SettingsActor("test", PortalFactory.AdminEmail)));
        Assert.True(saved.Succeeded);

        _time.Advance(TimeSpan.FromMinutes(6));

        await AssertSignedOutAsync(session);
    }

    [Fact]
    public async Task A_shorter_absolute_lifetime_saved_in_advanced_settings_applies_to_open_sessions()
    {
        using var session = await SignedInAsync();
        var saved = await WithAsync(sp => sp.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new SessionSection(AbsoluteHours: 1, IdleMinutes: 30), new SettingsActor("test", PortalFactory.AdminEmail)));
        Assert.True(saved.Succeeded);

        _time.Advance(TimeSpan.FromMinutes(25));
        await AssertSignedInAsync(session);
        _time.Advance(TimeSpan.FromMinutes(25));
        await AssertSignedInAsync(session);
        _time.Advance(TimeSpan.FromMinutes(25));

        await AssertSignedOutAsync(session);
    }

    [Fact]
    public async Task After_logout_a_copy_of_the_session_cookie_opens_nothing()
    {
        var jar = new System.Net.CookieContainer();
        using var browser = new PortalSession(_portal.CreateDefaultClient(new CookieContainerHandler(jar)));
        (await browser.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();
        var copied = jar.GetCookieHeader(browser.Client.BaseAddress!);
        using var replayer = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Task<HttpResponseMessage> ReplayAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/account");
            request.Headers.Add("Cookie", copied);
            return replayer.SendAsync(request);
        }
        using (var beforeLogout = await ReplayAsync())
        {
            Assert.Equal(HttpStatusCode.OK, beforeLogout.StatusCode);
        }

        using (var logout = await browser.LogoutAsync())
        {
            ResponseAssert.RedirectsTo(logout, "/Account/Login");
        }

        using var afterLogout = await ReplayAsync();
        ResponseAssert.RedirectsTo(afterLogout, "/Account/Login");
    }

    [Fact]
    public async Task Log_out_everywhere_ends_the_session_of_another_browser_and_forgets_remembered_devices()
    {
        using var here = await SignedInAsync();
        using var elsewhere = await SignedInAsync();
        var stampBefore = await WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            return await users.GetSecurityStampAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!);
        });

        using var response = await PostLogoutEverywhereAsync(here, withToken: true);

        ResponseAssert.RedirectsTo(response, "/Account/Login");
        await AssertSignedOutAsync(elsewhere);
        await AssertSignedOutAsync(here);
        var stampAfter = await WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            return await users.GetSecurityStampAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!);
        });
        Assert.NotEqual(stampBefore, stampAfter);
        var audit = await WithAsync(sp => sp.GetRequiredService<AuditLog>().RecentAsync(5));
        Assert.Contains(audit, e => e.Event == AuditEvents.LogoutEverywhere && e.Detail == "2 sessions ended");
    }

    [Fact]
    public async Task Log_out_everywhere_without_the_antiforgery_token_is_refused_and_ends_nothing()
    {
        using var here = await SignedInAsync();
        using var elsewhere = await SignedInAsync();

        using var response = await PostLogoutEverywhereAsync(here, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertSignedInAsync(elsewhere);
        await AssertSignedInAsync(here);
    }

    [Fact]
    public async Task Another_browser_of_the_same_user_keeps_its_session_after_a_logout_here()
    {
        using var here = await SignedInAsync();
        using var elsewhere = await SignedInAsync();

        (await here.LogoutAsync()).Dispose();

        await AssertSignedOutAsync(here);
        await AssertSignedInAsync(elsewhere);
    }

    private static async Task<HttpResponseMessage> PostLogoutEverywhereAsync(PortalSession session, bool withToken)
    {
        using var page = await session.GetAsync("/account");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"logout-everywhere\"", html);
        var fields = new Dictionary<string, string>();
        if (withToken)
        {
            fields["__RequestVerificationToken"] = PortalSession.AntiforgeryToken(html);
        }
        using var content = new FormUrlEncodedContent(fields);
        return await session.Client.PostAsync("/Account/LogoutEverywhere", content);
    }
}
