using System.Net;
using System.Net.Http.Headers;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The sign-in pages follow the browser's Accept-Language: German, French and Italian, with no English left over.</summary>
public class LoginPagesLanguageTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static async Task<string> TextOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private PortalSession Session(string language)
    {
        var session = _portal.CreateSession();
        session.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return session;
    }

    [Theory]
    [InlineData("de-CH", "Bestätigung in zwei Schritten", "Mit einem anderen Konto anmelden")]
    [InlineData("fr", "Vérification en deux étapes", "Se connecter avec un autre compte")]
    [InlineData("it", "Verifica in due passaggi", "Accedi con un altro account")]
    public async Task The_token_prompt_speaks_the_browsers_language(string language, string title, string someoneElse)
    {
        using var session = Session(language);
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");

        using var prompt = await session.GetAsync("/Account/LoginWith2fa");
        var html = await TextOf(prompt);

        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(someoneElse, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Two-step verification", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Log in as someone else", html, StringComparison.Ordinal);
    }
}
