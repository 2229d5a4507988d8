using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Components.Account.Manage.Configure2fa;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Tests.Components.Account;

/// <summary>The enrolment wizard, step by step, in German and French: every text from WizardText, none missing.</summary>
public class Configure2faInOtherLanguagesTests : AccountComponentTestBase
{
    /// <summary>What the user reads at each step of the authenticator path, per language.</summary>
    private sealed record StepTexts(
        string Language, string Question, string Recommended, string ChooseStep, string Scan, string QrAlt, string Next,
        string CodeLabel, string Malformed, string Wrong, string SavedCheckbox, string Finish);

    private static readonly Dictionary<string, StepTexts> Texts = new[]
    {
        new StepTexts("de", "Wie möchten Sie bei der Anmeldung nachweisen, dass Sie es sind?", "(empfohlen)", "Methode wählen",
            "2. Scannen Sie diesen QR-Code mit der App:", "QR-Code, um Lucy zu Ihrer Authenticator-App hinzuzufügen", "Weiter",
            "6-stelliger Code", "Geben Sie die 6 Ziffern ein, die Ihre App anzeigt", "Dieser Code stimmt nicht.",
            "Ich habe meine Wiederherstellungscodes gespeichert", "Abschliessen"),
        new StepTexts("fr", "Comment voulez-vous prouver votre identité lors de la connexion ?", "(recommandé)", "Choisir une méthode",
            "2. Scannez ce code QR avec l'application :", "Code QR pour ajouter Lucy à votre application d'authentification", "Suivant",
            "Code à 6 chiffres", "Saisissez les 6 chiffres affichés par votre application", "Ce code n'est pas le bon.",
            "J'ai enregistré mes codes de récupération", "Terminer"),
    }.ToDictionary(t => t.Language);

    private static void AssertNothingMissing(IRenderedComponent<ContainerFragment> cut) =>
        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup);

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    public async Task Each_step_of_the_authenticator_path_speaks_the_language(string language)
    {
        var texts = Texts[language];
        using var culture = StrictLocalization.UseCulture(texts.Language);
        var cut = RenderWithProviders<Configure2faPage>();

        cut.WaitForElement("[data-testid=method-continue]");
        Assert.Contains(texts.Question, cut.Markup);
        Assert.Contains(texts.Recommended, cut.Find("input[data-testid=method-builtin]").Closest("label")!.TextContent);
        Assert.Contains(texts.ChooseStep, cut.Markup);
        AssertNothingMissing(cut);

        cut.Find("[data-testid=method-continue]").Click();
        var key = cut.WaitForElement("[data-testid=authenticator-key]").TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.Contains(texts.Scan, cut.Markup);
        Assert.Equal(texts.QrAlt, cut.Find("img[data-testid=authenticator-qr]").GetAttribute("alt"));
        Assert.Equal(texts.Next, cut.Find("[data-testid=authenticator-next]").TextContent.Trim());
        AssertNothingMissing(cut);

        cut.Find("[data-testid=authenticator-next]").Click();
        cut.WaitForElement("[data-testid=authenticator-code]");
        Assert.Contains(texts.CodeLabel, cut.Markup);
        TypeInput(cut, "authenticator-code", "12a");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains(texts.Malformed, cut.Markup));
        var wrong = TotpAlgorithm.Compute(Base32.Decode(key)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow) + 10);
        TypeInput(cut, "authenticator-code", wrong);
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains(texts.Wrong, cut.Markup));
        AssertNothingMissing(cut);

        TypeInput(cut, "authenticator-code", TotpAlgorithm.Compute(Base32.Decode(key)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow)));
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=recovery-codes] li").Count));
        Assert.Contains(texts.SavedCheckbox, cut.Markup);
        Assert.Equal(texts.Finish, cut.Find("[data-testid=configure-2fa-finish]").TextContent.Trim());
        AssertNothingMissing(cut);
        Assert.False((await StoredUserAsync()).TwoFactorEnabled);
    }

    [Theory]
    [InlineData("de", "2FA einrichten", "Passkey erstellen")]
    [InlineData("fr", "Configurer la 2FA", "Créer une clé d'accès")]
    public void The_passkey_path_names_its_step_in_the_language(string language, string heading, string step)
    {
        using var culture = StrictLocalization.UseCulture(language);
        var cut = RenderWithProviders<Configure2faPage>();

        cut.WaitForElement("input[data-testid=method-passkey]").Click();
        cut.Find("[data-testid=method-continue]").Click();

        cut.WaitForAssertion(() => Assert.Contains(step, cut.Markup));
        Assert.Contains(heading, cut.Markup);
        AssertNothingMissing(cut);
    }

    [Theory]
    [InlineData("de", "Die 2FA ist für Ihr Konto bereits aktiv", "Zurück zu Ihrem Konto")]
    [InlineData("fr", "La 2FA est déjà activée pour votre compte", "Retour à votre compte")]
    public async Task With_every_method_held_the_wizard_says_so_in_the_language(string language, string alreadyOn, string back)
    {
        var setup = await WithUserAsync<TwoFactorAccountService, AuthenticatorSetup>((s, u) => s.StartAuthenticatorAsync(u));
        var code = TotpAlgorithm.Compute(Base32.Decode(setup.ManualEntryKey)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow));
        Assert.Equal(EnrollmentCodeResult.Confirmed,
            await WithUserAsync<TwoFactorAccountService, EnrollmentCodeResult>((s, u) => s.ConfirmAuthenticatorAsync(u, code, null)));
        await WithUserAsync<UserManager<PortalUser>, IdentityResult>((users, user) => users.SetTwoFactorEnabledAsync(user, true));
        await WithUserAsync<UserManager<PortalUser>, IdentityResult>((users, user) => users.AddOrUpdatePasskeyAsync(user,
            new UserPasskeyInfo([1, 2, 3, 4], [5, 6, 7, 8], DateTimeOffset.UtcNow, 0, null, true, false, false, [9], [10]) { Name = "Laptop" }));
        using var culture = StrictLocalization.UseCulture(language);

        var cut = RenderWithProviders<Configure2faPage>();

        Assert.Contains(alreadyOn, cut.WaitForElement("[data-testid=configure-2fa-already-on]").TextContent);
        Assert.Contains(back, cut.Markup);
        AssertNothingMissing(cut);
    }

    [Theory]
    [InlineData("de", "Wir senden einen Code an Ihre gespeicherte Mobilnummer.", "Mich anrufen", "Hier gesendete Codes zählen zum Limit von")]
    [InlineData("fr", "Nous envoyons un code à votre numéro de mobile enregistré.", "M'appeler", "Les codes envoyés ici comptent dans la limite de")]
    public void The_Twilio_Verify_step_speaks_the_language(string language, string intro, string call, string limit)
    {
        using var culture = StrictLocalization.UseCulture(language);

        var cut = RenderWithProviders<TwilioVerifyCodeStep>(
            ("Send", (Func<CodeChannel, Task<TwilioVerifyEnrollmentResult>>)(_ => throw new InvalidOperationException("not sent in this test"))),
            ("Verify", (Func<string, Task<TwilioVerifyEnrollmentResult>>)(_ => throw new InvalidOperationException("not verified in this test"))));

        Assert.Contains(intro, cut.Markup);
        Assert.Contains(call, cut.Markup);
        Assert.StartsWith(limit, cut.Find("[data-testid=verify-enroll-send-limit]").TextContent);
        AssertNothingMissing(cut);
    }

    [Fact]
    public async Task An_account_name_with_markup_shows_as_text_in_the_manual_key_instructions()
    {
        using var german = StrictLocalization.UseCulture("de");
        var setup = await WithUserAsync<TwoFactorAccountService, AuthenticatorSetup>((s, u) => s.StartAuthenticatorAsync(u));
        const string name = "<img src=x onerror=alert(1)>@example.com";
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test"));

        var cut = Render(builder =>
        {
            builder.OpenComponent<CascadingValue<Task<AuthenticationState>>>(0);
            builder.AddAttribute(1, "Value", Task.FromResult(new AuthenticationState(principal)));
            builder.AddAttribute(2, "ChildContent", (RenderFragment)(inner =>
            {
                inner.OpenComponent<AuthenticatorQrStep>(0);
                inner.AddAttribute(1, "Setup", setup);
                inner.CloseComponent();
            }));
            builder.CloseComponent();
        });

        cut.WaitForAssertion(() => Assert.Contains("Konto: <b>&lt;img src=x onerror=alert(1)&gt;@example.com</b>", cut.Markup));
        Assert.Empty(cut.FindAll("img[onerror]"));
    }
}
