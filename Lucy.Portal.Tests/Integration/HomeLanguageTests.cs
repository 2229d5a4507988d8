using System.Net;
using System.Net.Http.Headers;
using Lucy.Portal.Core.Policy;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The home page, its dashboard cards, the 2FA policy banner and the not-found page follow Accept-Language.</summary>
public sealed class HomeLanguageTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        await using var scope = _portal.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>().SaveAsync(
            new TwoFactorPolicySection(new TwoFactorPolicy(TwoFactorRequiredFor.Everyone, 7, 7, 5)), new SettingsActor("test", "test@lucy.test"));
        Assert.True(saved.Succeeded);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private PortalSession Session(string language)
    {
        var session = _portal.CreateSession();
        session.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return session;
    }

    [Theory]
    [InlineData("de", "Angemeldet als admin@lucy.test.", "Ihre Organisation verlangt die Zwei-Faktor-Authentifizierung (2FA).", "Ihr Konto", "2FA-Abdeckung")]
    [InlineData("fr", "Connecté en tant que admin@lucy.test.", "Votre organisation exige l'authentification à deux facteurs (2FA).", "Votre compte", "Couverture 2FA")]
    [InlineData("it", "Accesso effettuato come admin@lucy.test.", "La tua organizzazione richiede l'autenticazione a due fattori (2FA).", "Il tuo account", "Copertura 2FA")]
    public async Task The_administrators_home_and_the_policy_banner_speak_the_browsers_language(
        string language, string greeting, string banner, string ownCard, string coverage)
    {
        using var session = Session(language);
        using var login = await session.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");

        using var home = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = WebUtility.HtmlDecode(await home.Content.ReadAsStringAsync());

        Assert.DoesNotContain("⟦missing:", html, StringComparison.Ordinal);
        foreach (var text in new[] { greeting, banner, ownCard, coverage })
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }
        Assert.Contains("data-testid=\"two-factor-policy-deadline\"", html, StringComparison.Ordinal);
        foreach (var english in new[] { "Signed in as", "Your organisation requires", "Your account", "2FA coverage", "Needs attention", "Set up now" })
        {
            Assert.DoesNotContain(english, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_not_found_page_is_in_german()
    {
        using var session = Session("de");

        using var page = await session.GetAsync("/not-found");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Contains("Seite nicht gefunden", html, StringComparison.Ordinal);
        Assert.Contains("Zurück zum Portal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Page not found", html, StringComparison.Ordinal);
    }
}
