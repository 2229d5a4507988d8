using System.Net;
using System.Net.Http.Headers;
using Lucy.Portal.Core.Accounts;
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

    private async Task<string> GermanPageAsync(string path)
    {
        using var session = Session("de");
        using var page = await session.GetAsync(path);
        return await TextOf(page);
    }

    private static void Speaks(string html, string[] german, string[] english)
    {
        Assert.DoesNotContain("⟦missing:", html, StringComparison.Ordinal);
        foreach (var text in german)
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }
        foreach (var text in english)
        {
            Assert.DoesNotContain(text, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_login_page_is_in_german() =>
        Speaks(await GermanPageAsync("/Account/Login"),
            ["<title>Anmelden · Lucy Portal</title>", ">Passwort<", "Passwort vergessen?", "Mit einem Passkey anmelden",
                "data-message-unsupported=\"Dieser Browser kann keine Passkeys verwenden."],
            ["Forgot your password?", "Sign in with a passkey", ">Password<", ">Log in<", "This browser cannot use passkeys"]);

    [Fact]
    public async Task A_wrong_password_and_an_empty_form_are_refused_in_german()
    {
        using var session = Session("de");

        using var wrong = await session.LoginAsync(PortalFactory.UserEmail, "not the password");
        Speaks(await TextOf(wrong), ["E-Mail-Adresse oder Passwort ist falsch."], ["Wrong email or password."]);

        using var empty = await session.LoginAsync("", "");
        Speaks(await TextOf(empty), ["Geben Sie Ihre E-Mail-Adresse ein.", "Geben Sie Ihr Passwort ein."], ["field is required", "Enter your"]);

        using var malformed = await session.LoginAsync("not an address", "x");
        Speaks(await TextOf(malformed), ["Geben Sie eine gültige E-Mail-Adresse ein."], ["Enter a valid email address."]);
    }

    [Fact]
    public async Task The_forgot_password_page_is_in_german_also_without_mail() =>
        Speaks(await GermanPageAsync("/Account/ForgotPassword"),
            ["Passwort vergessen?", "Dieses Portal versendet keine E-Mails", "Zurück zur Anmeldung"],
            ["This portal sends no mail", "Back to log in", "Forgot your password?"]);

    [Fact]
    public async Task The_reset_and_invitation_pages_are_in_german_even_for_a_used_link()
    {
        Speaks(await GermanPageAsync("/Account/ResetPassword?token=used"),
            ["Neues Passwort wählen", "Dieser Link ist nicht mehr gültig", "Neuen Link anfordern"],
            ["Choose a new password", "This link is no longer valid", "Ask for a new link"]);
        Speaks(await GermanPageAsync("/Account/AcceptInvitation?token=used"),
            ["Willkommen bei Lucy Portal", "Bitten Sie Ihren Administrator um eine neue Einladung.", "Zur Anmeldung"],
            ["Welcome to Lucy Portal", "Ask your administrator", "Go to log in"]);
    }

    [Fact]
    public async Task The_lockout_and_access_denied_pages_are_in_german()
    {
        Speaks(await GermanPageAsync("/Account/Lockout"),
            ["Dieses Konto ist gesperrt", "Zu viele Fehlversuche. Versuchen Sie es später erneut"],
            ["This account is locked", "Too many failed attempts", "Back to log in"]);
        Speaks(await GermanPageAsync("/Account/AccessDenied"),
            ["<title>Zugriff verweigert · Lucy Portal</title>", "Zurück zum Portal"],
            ["Back to the portal"]);
    }

    [Fact]
    public async Task The_change_password_page_and_its_refusals_are_in_german()
    {
        const string email = "rotating@lucy.test";
        await _portal.CreateUserAsync(email, PortalRoles.User, mustChangePassword: true);
        using var session = Session("de");
        (await session.LoginAsync(email, PortalFactory.Password)).Dispose();

        using var page = await session.GetAsync("/Account/ChangePassword");
        Speaks(await TextOf(page),
            ["Passwort ändern", "Aktuelles Passwort", "Neues Passwort (mindestens", "Neues Passwort wiederholen", "Abmelden"],
            ["Change your password", "Current password", "Repeat new password", ">Log out<"]);

        using var refused = await session.SubmitFormAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "",
            ["Input.NewPassword"] = "a long enough passphrase",
            ["Input.ConfirmPassword"] = "a different passphrase",
        });
        Speaks(await TextOf(refused),
            ["Geben Sie Ihr aktuelles Passwort ein.", "Die Passwörter stimmen nicht überein."],
            ["The passwords do not match.", "field is required"]);
    }
}

/// <summary>The first-run page follows Accept-Language too.</summary>
public class SetupPageLanguageTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Theory]
    [InlineData("de", "Willkommen bei Lucy Portal", "Administrator anlegen")]
    [InlineData("fr", "Bienvenue sur Lucy Portal", "Créer l'administrateur")]
    [InlineData("it", "Benvenuto in Lucy Portal", "Crea amministratore")]
    public async Task The_setup_page_speaks_the_browsers_language(string language, string welcome, string submit)
    {
        using var session = _portal.CreateSession();
        session.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        using var page = await session.GetAsync("/setup");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(welcome, html, StringComparison.Ordinal);
        Assert.Contains(submit, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Create the first administrator", html, StringComparison.Ordinal);
        Assert.DoesNotContain("⟦missing:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_refuses_different_passwords_in_german()
    {
        using var session = _portal.CreateSession();
        session.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));

        using var refused = await session.SubmitFormAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Email"] = PortalFactory.AdminEmail,
            ["Input.Password"] = "a long enough passphrase",
            ["Input.ConfirmPassword"] = "a different passphrase",
        });
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Contains("Die Passwörter stimmen nicht überein.", html, StringComparison.Ordinal);
    }
}

/// <summary>The forgot-password form, with mail configured, follows Accept-Language.</summary>
public class ForgotPasswordLanguageTests : IAsyncLifetime
{
    private readonly MailPortal _portal = new() { ManualSender = true };

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        await _portal.ConfigureMailAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task The_forgot_password_form_and_its_answer_are_in_german()
    {
        using var session = _portal.CreateSession();
        session.Client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));

        using var form = await session.GetAsync("/Account/ForgotPassword");
        var html = WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync());
        Assert.Contains("Link senden", html, StringComparison.Ordinal);
        Assert.Contains("Geben Sie Ihre E-Mail-Adresse ein. Gehört sie zu einem Konto", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Send link", html, StringComparison.Ordinal);

        using var sent = await session.SubmitFormAsync("/Account/ForgotPassword", "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = PortalFactory.UserEmail });
        var answer = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        Assert.Contains("Falls ein Konto diese Adresse verwendet", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("If an account uses this address", answer, StringComparison.Ordinal);
    }
}
