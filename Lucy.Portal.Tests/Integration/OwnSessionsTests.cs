using System.Net;
using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The Account page's session list: a user sees and ends their own sessions and remembered devices.</summary>
public class OwnSessionsTests : IAsyncLifetime
{
    private const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string SafariOnIphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private readonly TwoFactorPortal _portal = new();
    private EnrolledUser _user = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    private Task<T> WithOwnSessionsAsync<T>(Func<OwnSessions, Task<T>> action) =>
        WithAsync(sp => action(sp.GetRequiredService<OwnSessions>()));

    private PortalSession Browser(string userAgent)
    {
        var client = _portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return new PortalSession(client);
    }

    private async Task<PortalSession> SignInAsync(string userAgent, bool remember = false)
    {
        var session = Browser(userAgent);
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        var challenge = await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(_user.Id, PortalSession.BrowserKeyFrom(login)));
        var verified = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed), remember, "127.0.0.1"));
        _portal.Time.Advance(TimeSpan.FromSeconds(30));
        using var completed = await session.CompleteSignInAsync(verified.Grant!);
        ResponseAssert.RedirectsTo(completed, "/");
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

    private Task<SessionOverview> ListAsync(Guid? current = null) =>
        WithOwnSessionsAsync(s => s.ListAsync(_user.Id, current?.ToString()));

    private async Task<Guid> SessionOfAsync(string browser) =>
        (await ListAsync()).Sessions.Single(s => s.Browser == browser).Id;

    [Fact]
    public async Task The_list_names_each_browser_and_marks_the_current_session()
    {
        using var firefox = await SignInAsync(FirefoxOnWindows);
        using var safari = await SignInAsync(SafariOnIphone);
        var current = await SessionOfAsync("Firefox 128 on Windows");

        var overview = await ListAsync(current);

        Assert.Equal(2, overview.Sessions.Count);
        Assert.True(overview.Sessions[0].IsCurrent);
        Assert.Equal("Firefox 128 on Windows", overview.Sessions[0].Browser);
        Assert.Equal("Safari 17 on iOS", overview.Sessions[1].Browser);
    }

    [Fact]
    public async Task Ending_another_session_makes_that_browser_lose_access_at_its_next_request()
    {
        using var firefox = await SignInAsync(FirefoxOnWindows);
        using var safari = await SignInAsync(SafariOnIphone);
        var current = await SessionOfAsync("Firefox 128 on Windows");
        var other = await SessionOfAsync("Safari 17 on iOS");

        Assert.True(await WithOwnSessionsAsync(s => s.EndAsync(_user.Id, other, current.ToString())));

        await AssertSignedOutAsync(safari);
        await AssertSignedInAsync(firefox);
        Assert.Single((await ListAsync(current)).Sessions);
        var audit = await WithAsync(sp => sp.GetRequiredService<AuditLog>().RecentAsync(10));
        Assert.Contains(audit, e => e.Event == AuditEvents.SessionEnded && e.ActorId == _user.Id);
    }

    [Fact]
    public async Task Ending_another_session_fails_the_revalidation_of_its_live_page()
    {
        using var safari = await SignInAsync(SafariOnIphone);
        var other = await SessionOfAsync("Safari 17 on iOS");
        // The principal that browser's circuit holds: the user's claims and its session.
        var circuitPrincipal = await WithAsync(async sp =>
        {
            var user = (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_user.Id))!;
            var principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalClaimTypes.SessionId, other.ToString()));
            return principal;
        });
        Assert.True(await WithAsync(sp => sp.GetRequiredService<SessionValidator>().IsCurrentAsync(circuitPrincipal)));

        await WithOwnSessionsAsync(s => s.EndAsync(_user.Id, other, currentSessionId: null));

        Assert.False(await WithAsync(sp => sp.GetRequiredService<SessionValidator>().IsCurrentAsync(circuitPrincipal)));
    }

    [Fact]
    public async Task A_user_cannot_end_the_session_of_another_account()
    {
        using var safari = await SignInAsync(SafariOnIphone);
        var victim = await SessionOfAsync("Safari 17 on iOS");
        var adminId = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail))!.Id);

        Assert.False(await WithOwnSessionsAsync(s => s.EndAsync(adminId, victim, currentSessionId: null)));

        await AssertSignedInAsync(safari);
    }

    [Fact]
    public async Task The_current_session_is_not_ended_from_the_list()
    {
        using var firefox = await SignInAsync(FirefoxOnWindows);
        var current = await SessionOfAsync("Firefox 128 on Windows");

        Assert.False(await WithOwnSessionsAsync(s => s.EndAsync(_user.Id, current, current.ToString())));

        await AssertSignedInAsync(firefox);
    }

    [Fact]
    public async Task End_all_other_sessions_keeps_only_the_current_one()
    {
        using var firefox = await SignInAsync(FirefoxOnWindows);
        using var safari = await SignInAsync(SafariOnIphone);
        using var third = await SignInAsync(SafariOnIphone);
        var current = await SessionOfAsync("Firefox 128 on Windows");

        Assert.Equal(2, await WithOwnSessionsAsync(s => s.EndOthersAsync(_user.Id, current.ToString())));

        await AssertSignedInAsync(firefox);
        await AssertSignedOutAsync(safari);
        await AssertSignedOutAsync(third);
    }

    [Fact]
    public async Task Sessions_ended_by_a_security_stamp_change_leave_the_list()
    {
        using var safari = await SignInAsync(SafariOnIphone);
        Assert.Single((await ListAsync()).Sessions);

        await WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            return await users.UpdateSecurityStampAsync((await users.FindByIdAsync(_user.Id))!);
        });

        Assert.Empty((await ListAsync()).Sessions);
    }

    [Fact]
    public async Task A_remembered_device_is_listed_and_forgetting_it_makes_its_next_login_ask_for_a_code()
    {
        using var safari = await SignInAsync(SafariOnIphone, remember: true);
        (await safari.LogoutAsync()).Dispose();
        using (var skipped = await safari.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password))
        {
            Assert.DoesNotContain("LoginWith2fa", skipped.Headers.Location!.ToString());
        }
        var device = Assert.Single((await ListAsync()).Devices);
        Assert.Equal("Safari 17 on iOS", device.Browser);
        Assert.NotNull(device.LastUsedAt);

        Assert.True(await WithOwnSessionsAsync(s => s.ForgetDeviceAsync(_user.Id, device.Id)));
        (await safari.LogoutAsync()).Dispose();

        using var login = await safari.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        Assert.Empty((await ListAsync()).Devices);
    }

    [Fact]
    public async Task Forgetting_one_device_keeps_the_others_remembered()
    {
        using var firefox = await SignInAsync(FirefoxOnWindows, remember: true);
        using var safari = await SignInAsync(SafariOnIphone, remember: true);
        var devices = (await ListAsync()).Devices;
        Assert.Equal(2, devices.Count);

        await WithOwnSessionsAsync(s => s.ForgetDeviceAsync(_user.Id, devices.Single(d => d.Browser.StartsWith("Safari", StringComparison.Ordinal)).Id));
        (await firefox.LogoutAsync()).Dispose();

        using var login = await firefox.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        Assert.DoesNotContain("LoginWith2fa", login.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_user_cannot_forget_the_device_of_another_account()
    {
        using var safari = await SignInAsync(SafariOnIphone, remember: true);
        var device = Assert.Single((await ListAsync()).Devices);
        var adminId = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail))!.Id);

        Assert.False(await WithOwnSessionsAsync(s => s.ForgetDeviceAsync(adminId, device.Id)));

        Assert.Single((await ListAsync()).Devices);
    }

    [Fact]
    public async Task Last_seen_is_written_at_most_once_a_minute()
    {
        using var safari = await SignInAsync(SafariOnIphone);
        var started = (await ListAsync()).Sessions.Single().LastSeenAt;

        _portal.Time.Advance(TimeSpan.FromSeconds(20));
        await AssertSignedInAsync(safari);
        Assert.Equal(started, (await ListAsync()).Sessions.Single().LastSeenAt);

        _portal.Time.Advance(TimeSpan.FromSeconds(50));
        await AssertSignedInAsync(safari);
        Assert.Equal(_portal.Time.GetUtcNow(), (await ListAsync()).Sessions.Single().LastSeenAt);
    }
}
