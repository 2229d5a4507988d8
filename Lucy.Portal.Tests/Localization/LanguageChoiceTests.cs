using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Localization;

/// <summary>The language picker's endpoint (/language) and the saved language at sign-in (docs/languages.md).</summary>
public sealed class LanguageChoiceTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static async Task<string> TokenOfAsync(PortalSession session, string path)
    {
        using var page = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return PortalSession.AntiforgeryToken(await page.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PickAsync(PortalSession session, string culture, string? returnUrl = "/Account/Login", string from = "/Account/Login")
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = await TokenOfAsync(session, from), ["culture"] = culture };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }
        using var form = new FormUrlEncodedContent(fields);
        return await session.Client.PostAsync("/language", form);
    }

    private static string? CultureCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal))
            : null;

    private static async Task<string> HtmlLangAsync(PortalSession session, string path)
    {
        using var page = await session.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var start = html.IndexOf("<html lang=\"", StringComparison.Ordinal) + "<html lang=\"".Length;
        return html[start..html.IndexOf('"', start)];
    }

    private async Task<string?> SavedLanguageAsync(string email)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.PreferredLanguage;
    }

    private async Task SaveLanguageAsync(string email, string? language)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.PreferredLanguage = language;
        await users.UpdateAsync(user);
    }

    [Fact]
    public async Task The_login_page_shows_the_four_languages_in_their_own_words_with_the_current_one_marked()
    {
        using var session = _portal.CreateSession();
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CH");

        using var page = await session.GetAsync("/Account/Login");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Contains("data-current-language=\"fr\"", html);
        foreach (var name in new[] { "English", "Deutsch", "Français", "Italiano" })
        {
            Assert.Matches(">\\s*" + name + "\\s*<", html);
        }
        Assert.Matches("aria-current=\"true\"[^>]*data-testid=\"language-fr\"|data-testid=\"language-fr\"[^>]*aria-current=\"true\"", html);
    }

    [Fact]
    public async Task Picking_a_language_sets_the_culture_cookie_for_a_year_and_reloads_the_page_it_came_from()
    {
        using var session = _portal.CreateSession();

        using var response = await PickAsync(session, "de", "/Account/Login?ReturnUrl=%2Faccount");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Faccount", response.Headers.Location!.OriginalString);
        var cookie = CultureCookieOf(response);
        Assert.NotNull(cookie);
        Assert.StartsWith(".AspNetCore.Culture=c%3Dde%7Cuic%3Dde;", cookie);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("de", await HtmlLangAsync(session, "/Account/Login"));
    }

    [Fact]
    public async Task Over_https_the_culture_cookie_is_secure()
    {
        using var session = new PortalSession(_portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        }));

        using var response = await PickAsync(session, "it");

        Assert.Contains("; secure", CultureCookieOf(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_browser_language_decides_until_a_language_is_picked()
    {
        using var session = _portal.CreateSession();
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-CH, de;q=0.9");
        Assert.Equal("de", await HtmlLangAsync(session, "/Account/Login"));

        (await PickAsync(session, "it")).Dispose();

        Assert.Equal("it", await HtmlLangAsync(session, "/Account/Login"));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("\\\\evil.example/phish")]
    [InlineData("\\/evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http:evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("/%09/evil.example")]
    public async Task A_return_address_off_the_site_is_not_followed(string returnUrl)
    {
        using var session = _portal.CreateSession();

        using var response = await PickAsync(session, "fr", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.False(location.IsAbsoluteUri, $"absolute redirect to {location}");
        var target = location.OriginalString;
        Assert.StartsWith("/", target);
        Assert.False(target.StartsWith("//", StringComparison.Ordinal) || target.StartsWith("/\\", StringComparison.Ordinal), target);
        Assert.True(Uri.TryCreate(new Uri("https://portal.example/"), target, out var resolved) && resolved.Host == "portal.example", target);
        Assert.NotNull(CultureCookieOf(response));
    }

    [Fact]
    public async Task Without_a_return_address_the_browser_goes_home()
    {
        using var session = _portal.CreateSession();

        using var response = await PickAsync(session, "fr", returnUrl: null);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("de-CH")]
    [InlineData("DE")]
    [InlineData("")]
    [InlineData("c=de|uic=de")]
    [InlineData("../../etc")]
    public async Task A_language_the_portal_does_not_offer_is_refused_and_nothing_changes(string culture)
    {
        using var session = _portal.CreateSession();

        using var response = await PickAsync(session, culture);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("English, Deutsch, Français", await response.Content.ReadAsStringAsync());
        Assert.Null(CultureCookieOf(response));
        Assert.Equal("en", await HtmlLangAsync(session, "/Account/Login"));
    }

    [Fact]
    public async Task A_cross_site_post_without_the_pages_token_changes_no_language()
    {
        using var victim = _portal.CreateSession();
        (await victim.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "it", ["returnUrl"] = "/" });
        using var response = await victim.Client.PostAsync("/language", forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(CultureCookieOf(response));
        Assert.Null(await SavedLanguageAsync(PortalFactory.UserEmail));
    }

    [Fact]
    public async Task A_signed_in_user_keeps_the_picked_language_on_the_profile()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        using var response = await PickAsync(session, "fr", "/account", from: "/");

        ResponseAssert.RedirectsTo(response, "/account");
        Assert.Equal("fr", await SavedLanguageAsync(PortalFactory.UserEmail));
        Assert.Equal("fr", await HtmlLangAsync(session, "/"));
    }

    [Fact]
    public async Task An_anonymous_pick_saves_nothing_on_any_profile()
    {
        using var session = _portal.CreateSession();

        (await PickAsync(session, "de")).Dispose();

        Assert.Null(await SavedLanguageAsync(PortalFactory.UserEmail));
        Assert.Null(await SavedLanguageAsync(PortalFactory.AdminEmail));
    }

    [Fact]
    public async Task A_user_who_must_change_the_password_can_still_change_the_language()
    {
        await _portal.CreateUserAsync("new.user@lucy.test", PortalRoles.User, mustChangePassword: true);
        using var session = _portal.CreateSession();
        (await session.LoginAsync("new.user@lucy.test", PortalFactory.Password)).Dispose();

        using var response = await PickAsync(session, "it", "/Account/ChangePassword", from: "/Account/ChangePassword");

        ResponseAssert.RedirectsTo(response, "/Account/ChangePassword");
        Assert.Equal("it", await SavedLanguageAsync("new.user@lucy.test"));
    }

    [Fact]
    public async Task Signing_in_with_the_password_sets_the_saved_language_in_this_browser()
    {
        await SaveLanguageAsync(PortalFactory.UserEmail, "it");
        using var session = _portal.CreateSession();

        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);

        ResponseAssert.RedirectsTo(login, "/");
        Assert.StartsWith(".AspNetCore.Culture=c%3Dit%7Cuic%3Dit;", CultureCookieOf(login));
        Assert.Equal("it", await HtmlLangAsync(session, "/"));
    }

    [Fact]
    public async Task A_language_picked_on_the_login_page_is_saved_at_sign_in_over_the_saved_one()
    {
        await SaveLanguageAsync(PortalFactory.UserEmail, "it");
        using var session = _portal.CreateSession();
        (await PickAsync(session, "fr")).Dispose();

        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);

        ResponseAssert.RedirectsTo(login, "/");
        Assert.Equal("fr", await SavedLanguageAsync(PortalFactory.UserEmail));
        Assert.Equal("fr", await HtmlLangAsync(session, "/"));
        // The pick is used once: the next sign-in in this browser applies the profile's language again.
        await SaveLanguageAsync(PortalFactory.UserEmail, "de");
        (await session.LogoutAsync()).Dispose();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();
        Assert.Equal("de", await HtmlLangAsync(session, "/"));
    }

    [Fact]
    public async Task A_user_without_a_saved_language_keeps_the_browsers_choice_at_sign_in()
    {
        using var session = _portal.CreateSession();
        (await PickAsync(session, "de")).Dispose();

        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);

        Assert.Null(CultureCookieOf(login));
        Assert.Equal("de", await HtmlLangAsync(session, "/"));
        // Picked before signing in, so it is the user's choice now.
        Assert.Equal("de", await SavedLanguageAsync(PortalFactory.UserEmail));
    }
}

/// <summary>The saved language after the second factor: the token prompt's grant ends the sign-in (SignInCompletion).</summary>
public sealed class LanguageAfterSecondFactorTests : IAsyncLifetime
{
    private AuthyPortal _portal = default!;
    private string _authyId = default!;

    public async Task InitializeAsync()
    {
        _portal = await AuthyPortal.StartAsync();
        (_authyId, _) = await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Completing_the_sign_in_with_a_code_sets_the_saved_language()
    {
        string userId;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
            user.PreferredLanguage = "fr";
            await users.UpdateAsync(user);
            userId = user.Id;
        }
        using var session = _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        Assert.False(login.Headers.TryGetValues("Set-Cookie", out var early) && early.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)),
            "The password step alone must not set the language.");

        string grant;
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var challenge = await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(userId, PortalSession.BrowserKeyFrom(login));
            var verified = await scope.ServiceProvider.GetRequiredService<TwoFactorLogin>()
                .VerifyCodeAsync(challenge, EnrollmentMethod.Authy, _portal.Authy.CurrentTokenFor(_authyId), false, "127.0.0.1");
            grant = verified.Grant!;
        }
        using var complete = await session.CompleteSignInAsync(grant);

        ResponseAssert.RedirectsTo(complete, "/");
        Assert.Contains(complete.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr;", StringComparison.Ordinal));
    }
}
