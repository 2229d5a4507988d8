using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// The token prompt as a plain form, for a user whose first method is the built-in authenticator: the code is posted
/// with the page and the sign-in finished in that request, under the same rules as the interactive prompt.
/// </summary>
public class AppCodeFormTests : IAsyncLifetime
{
    private const string PromptPath = "/Account/LoginWith2fa?returnUrl=%2Faccount";
    private readonly TwoFactorPortal _portal = new();
    private EnrolledUser _user = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    /// <summary>The password step, then the prompt page as a browser loads it.</summary>
    private async Task<(PortalSession Session, string Page)> PromptAsync(string email = PortalFactory.UserEmail, string path = PromptPath)
    {
        var session = _portal.CreateSession();
        using var login = await session.LoginAsync(email, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        return (session, await PageAsync(session, path));
    }

    private static async Task<string> PageAsync(PortalSession session, string path = PromptPath)
    {
        using var prompt = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, prompt.StatusCode);
        return await prompt.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> PostCodeAsync(
        PortalSession session, string page, string code, bool remember = false, string path = PromptPath, string? challenge = null, bool withToken = true) =>
        session.PostCodeFormAsync(page, code, path, remember, challenge, withToken);

    private static string Hidden(string html, string name) => PortalSession.HiddenField(html, name);

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    private Task<int> AuditCountAsync(string @event) =>
        WithAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(a => a.ActorId == _user.Id && a.Event == @event));

    [Fact]
    public async Task An_authenticator_user_gets_a_plain_form_and_no_live_connection()
    {
        var (session, page) = await PromptAsync();
        using var _ = session;

        Assert.Contains("data-testid=\"app-code-form\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"authenticator-code\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--Blazor:", page, StringComparison.Ordinal);
        Assert.Contains(PortalFactory.UserEmail, page, StringComparison.Ordinal);
        // Recovery codes are the other way in: the interactive prompt has them.
        Assert.Contains("data-testid=\"prompt-other-ways\"", page, StringComparison.Ordinal);
        Assert.Contains("methods=all", page, StringComparison.Ordinal);
        // The page carries this login's challenge: no cache keeps it.
        using var again = await session.GetAsync(PromptPath);
        Assert.True(again.Headers.CacheControl?.NoStore, "The prompt page may be stored by a cache.");
    }

    [Fact]
    public async Task Other_ways_to_sign_in_is_the_interactive_prompt()
    {
        var (session, page) = await PromptAsync(path: "/Account/LoginWith2fa?methods=all");
        using var _ = session;

        Assert.Contains("<!--Blazor:", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"app-code-form\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_right_code_signs_in_with_that_post_and_goes_where_the_user_was_going()
    {
        var (session, page) = await PromptAsync();
        using var _ = session;

        using var post = await PostCodeAsync(session, page, _portal.CurrentCode(_user.Seed));

        ResponseAssert.RedirectsTo(post, "/account");
        using var account = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Equal(1, await AuditCountAsync(AuditEvents.SignInCompleted));
        // The half-signed-in state is over: the prompt has nobody to ask for.
        using var prompt = await session.GetAsync("/Account/LoginWith2fa");
        ResponseAssert.RedirectsTo(prompt, "/Account/Login");
    }

    [Fact]
    public async Task A_wrong_code_is_explained_counted_and_never_rendered_back()
    {
        var (session, page) = await PromptAsync();
        using var _ = session;
        var wrong = _portal.CurrentCode(_user.Seed) == "123456" ? "654321" : "123456";

        using var post = await PostCodeAsync(session, page, wrong);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var again = await post.Content.ReadAsStringAsync();
        Assert.Contains("not correct", again, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, again, StringComparison.Ordinal);
        // The same challenge goes on, so the next try is this login's, not a new one.
        Assert.Equal(Hidden(page, "Input.Challenge"), Hidden(again, "Input.Challenge"));
        var user = await WithAsync(sp => sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_user.Id));
        Assert.Equal(1, user!.AccessFailedCount);

        using var right = await PostCodeAsync(session, again, _portal.CurrentCode(_user.Seed));
        ResponseAssert.RedirectsTo(right, "/account");
    }

    [Fact]
    public async Task A_code_already_used_is_refused()
    {
        var code = _portal.CurrentCode(_user.Seed);
        var (first, page) = await PromptAsync();
        using (first)
        using (var signedIn = await PostCodeAsync(first, page, code))
        {
            ResponseAssert.RedirectsTo(signedIn, "/account");
        }

        var (second, again) = await PromptAsync();
        using var _ = second;
        using var replay = await PostCodeAsync(second, again, code);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("data-testid=\"prompt-error\"", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var account = await second.GetAsync("/account");
        ResponseAssert.RedirectsTo(account, "/Account/Login");
    }

    [Fact]
    public async Task A_post_without_the_form_token_is_refused_and_checks_nothing()
    {
        var (session, page) = await PromptAsync();
        using var _ = session;

        using var post = await PostCodeAsync(session, page, _portal.CurrentCode(_user.Seed), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(0, await AuditCountAsync(AuditEvents.SignInCompleted));
        using var account = await session.GetAsync("/account");
        ResponseAssert.RedirectsTo(account, "/Account/Login");
    }

    [Fact]
    public async Task A_code_posted_without_the_pages_challenge_is_not_checked()
    {
        var (session, page) = await PromptAsync();
        using var _ = session;

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.AntiforgeryToken(page),
            ["_handler"] = "app-code",
            ["Input.Method"] = Hidden(page, "Input.Method"),
            ["Input.Code"] = _portal.CurrentCode(_user.Seed),
        });
        using var post = await session.Client.PostAsync(PromptPath, content);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("data-testid=\"prompt-expired\"", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await AuditCountAsync(AuditEvents.SignInCompleted));
        var user = await WithAsync(sp => sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_user.Id));
        Assert.Equal(0, user!.AccessFailedCount);
    }

    [Fact]
    public async Task Another_browsers_challenge_with_its_users_code_signs_nobody_in()
    {
        await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        var (victim, victimPage) = await PromptAsync();
        using var _victim = victim;
        var (attacker, attackerPage) = await PromptAsync(PortalFactory.AdminEmail);
        using var _attacker = attacker;

        // The attacker learned the victim's challenge and a code of the victim's (say, over a shoulder).
        using var post = await PostCodeAsync(attacker, attackerPage, _portal.CurrentCode(_user.Seed), challenge: Hidden(victimPage, "Input.Challenge"));

        ResponseAssert.RedirectsTo(post, "/Account/Login");
        using var account = await attacker.GetAsync("/account");
        ResponseAssert.RedirectsTo(account, "/Account/Login");
        Assert.Equal(0, await AuditCountAsync(AuditEvents.SignInCompleted));
        Assert.Equal(1, await WithAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(a => a.Event == AuditEvents.SignInGrantRefused)));
    }

    [Fact]
    public async Task Parallel_tabs_posting_wrong_codes_share_one_allowance()
    {
        var (session, _) = await PromptAsync();
        using var _session = session;
        var max = await WithAsync(async sp => (await sp.GetRequiredService<Lucy.Portal.Core.Settings.AdvancedSettingsCache>().GetAsync()).MaxFailedAccessAttempts);
        // Each tab is a prompt page of its own (its own challenge), all posting at the same moment.
        var tabs = new List<string>();
        for (var i = 0; i < max * 3; i++)
        {
            tabs.Add(await PageAsync(session));
        }
        var wrong = _portal.CurrentCode(_user.Seed) == "123456" ? "654321" : "123456";

        var pages = await Race.AllAtOnceAsync(tabs, async tab =>
        {
            using var post = await PostCodeAsync(session, tab, wrong);
            return await post.Content.ReadAsStringAsync();
        });

        var checkedGuesses = pages.Count(p => p.Contains("not correct", StringComparison.Ordinal));
        Assert.InRange(checkedGuesses, 1, max);
        var user = await WithAsync(sp => sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_user.Id));
        Assert.True(user!.LockoutEnd > _portal.Time.GetUtcNow(), "The spent allowance locked the account.");
        // A locked account's page offers no form to guess in.
        Assert.All(pages.Where(p => !p.Contains("not correct", StringComparison.Ordinal)),
            p => Assert.DoesNotContain("data-testid=\"app-code-form\"", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_right_code_posted_from_two_tabs_at_once_signs_in_once()
    {
        var (session, _) = await PromptAsync();
        using var _session = session;
        string[] tabs = [await PageAsync(session), await PageAsync(session)];
        var code = _portal.CurrentCode(_user.Seed);

        var answers = await Race.AllAtOnceAsync(tabs, async tab =>
        {
            using var post = await PostCodeAsync(session, tab, code);
            return post.StatusCode;
        });

        // The step is accepted once: one tab signs in, the other is told the code was used.
        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Redirect));
        Assert.Equal(1, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(1, await AuditCountAsync(AuditEvents.SignInCompleted));
    }

    [Fact]
    public async Task Remember_this_device_is_honoured_by_the_plain_form()
    {
        var (session, page) = await PromptAsync();
        using var _ = session;
        Assert.Contains("name=\"Input.RememberDevice\"", page, StringComparison.Ordinal);

        using var post = await PostCodeAsync(session, page, _portal.CurrentCode(_user.Seed), remember: true);

        ResponseAssert.RedirectsTo(post, "/account");
        Assert.Contains(post.Headers.GetValues("Set-Cookie"), c => c.StartsWith(IdentityConstants.TwoFactorRememberMeScheme + "=", StringComparison.Ordinal));
        (await session.LogoutAsync()).Dispose();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task A_return_address_off_the_site_goes_home(string returnUrl)
    {
        var path = "/Account/LoginWith2fa?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var (session, page) = await PromptAsync(path: path);
        using var _ = session;

        using var post = await PostCodeAsync(session, page, _portal.CurrentCode(_user.Seed), path: path);

        ResponseAssert.RedirectsTo(post, "/");
    }
}
