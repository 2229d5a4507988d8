using System.Net;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration;

public class LogoutTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<PortalSession> SignedInSessionAsync()
    {
        var session = _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");
        // The app bar's form: the victim's browser holds an antiforgery cookie, as it would after any page.
        (await session.GetAsync("/")).Dispose();
        return session;
    }

    private static async Task AssertStillSignedInAsync(PortalSession session)
    {
        using var account = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_logout_post_without_a_token_is_refused_and_the_session_survives()
    {
        using var victim = await SignedInSessionAsync();

        using var empty = new FormUrlEncodedContent([]);
        using var response = await victim.Client.PostAsync("/Account/Logout", empty);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertStillSignedInAsync(victim);
    }

    [Fact]
    public async Task A_logout_post_with_no_body_at_all_is_refused_and_the_session_survives()
    {
        using var victim = await SignedInSessionAsync();

        using var response = await victim.Client.PostAsync("/Account/Logout", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertStillSignedInAsync(victim);
    }

    [Fact]
    public async Task A_logout_post_carrying_the_attackers_own_token_is_refused_and_the_session_survives()
    {
        using var attacker = await SignedInSessionAsync();
        using var attackerPage = await attacker.GetAsync("/");
        var attackerToken = PortalSession.AntiforgeryToken(await attackerPage.Content.ReadAsStringAsync());
        using var victim = await SignedInSessionAsync();

        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = attackerToken });
        using var response = await victim.Client.PostAsync("/Account/Logout", forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertStillSignedInAsync(victim);
    }

    [Fact]
    public async Task A_user_who_must_change_the_password_logs_out_with_the_form_on_the_change_password_page()
    {
        await _portal.CreateUserAsync("new.user@lucy.test", Lucy.Portal.Core.Accounts.PortalRoles.User, mustChangePassword: true);
        using var session = _portal.CreateSession();
        (await session.LoginAsync("new.user@lucy.test", PortalFactory.Password)).Dispose();
        using var page = await session.GetAsync("/Account/ChangePassword");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("action=\"Account/Logout\"", html);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalSession.AntiforgeryToken(html) });
        using var response = await session.Client.PostAsync("/Account/Logout", form);

        ResponseAssert.RedirectsTo(response, "/Account/Login");
        using var after = await session.GetAsync("/Account/ChangePassword");
        ResponseAssert.RedirectsTo(after, "/Account/Login");
    }

    [Fact]
    public async Task A_stale_tab_whose_session_ended_is_sent_to_the_login_page()
    {
        using var session = _portal.CreateSession();

        using var empty = new FormUrlEncodedContent([]);
        using var response = await session.Client.PostAsync("/Account/Logout", empty);

        ResponseAssert.RedirectsTo(response, "/Account/Login");
    }

    [Fact]
    public async Task The_app_bar_logout_form_ends_the_session()
    {
        using var session = await SignedInSessionAsync();

        using var response = await session.LogoutAsync();

        ResponseAssert.RedirectsTo(response, "/Account/Login");
        using var account = await session.GetAsync("/account");
        ResponseAssert.RedirectsTo(account, "/Account/Login");
    }
}
