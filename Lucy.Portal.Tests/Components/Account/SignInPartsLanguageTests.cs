using Bunit;
using Lucy.Portal.Components.Account;
using Lucy.Portal.Components.Account.Passkeys;
using Lucy.Portal.Components.Account.Shared;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Lucy.Portal.Tests.Localization;

namespace Lucy.Portal.Tests.Components.Account;

/// <summary>The sign-in pieces that render outside a page (security image, passkeys) in German, with no key missing.</summary>
public class SignInPartsLanguageTests : AccountComponentTestBase
{
    private static void NoMissingKey(string markup) => Assert.DoesNotContain(StrictLocalization.MissingMarker, markup, StringComparison.Ordinal);

    [Fact]
    public void The_security_image_field_is_in_german_and_its_alt_text_still_names_no_characters()
    {
        using var culture = StrictLocalization.UseCulture("de");

        var cut = Render<SecurityImageField>(p => p.Add(f => f.ChallengeId, "challenge-1"));

        NoMissingKey(cut.Markup);
        Assert.StartsWith("Sicherheitsbild: ", cut.Find("[data-testid=security-image-picture]").GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Contains("Zeichen im Bild", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Neues Bild anzeigen", cut.Find("[data-testid=security-image-new]").TextContent);
        Assert.DoesNotContain("Show a new image", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_passkey_tab_of_the_prompt_is_in_german()
    {
        using var culture = StrictLocalization.UseCulture("de");

        var cut = Render<PasskeyPromptPanel>();

        NoMissingKey(cut.Markup);
        Assert.Equal("Passkey verwenden", cut.Find("[data-testid=passkey-use]").TextContent.Trim());
    }

    [Fact]
    public void The_passkey_form_is_in_german_and_keeps_the_button_text_it_is_given()
    {
        using var culture = StrictLocalization.UseCulture("de");

        var plain = Render<PasskeyCreateForm>(p => p.Add(f => f.Create, _ => Task.FromResult(PasskeyAddResult.Refused("-"))));
        var named = Render<PasskeyCreateForm>(p => p
            .Add(f => f.Create, _ => Task.FromResult(PasskeyAddResult.Refused("-")))
            .Add(f => f.ButtonText, "Weiter"));

        NoMissingKey(plain.Markup);
        Assert.Contains("Name des Passkeys", plain.Markup, StringComparison.Ordinal);
        Assert.Equal("Passkey erstellen", plain.Find("[data-testid=passkey-create]").TextContent.Trim());
        Assert.Equal("Weiter", named.Find("[data-testid=passkey-create]").TextContent.Trim());
    }

    [Fact]
    public void The_account_pages_passkey_list_is_in_german()
    {
        using var culture = StrictLocalization.UseCulture("de");

        var cut = RenderWithProviders<PasskeysSection>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.WaitForAssertion(() => Assert.Contains("Noch keine Passkeys.", cut.Markup, StringComparison.Ordinal));
        NoMissingKey(cut.Markup);
        Assert.Contains("Passkey hinzufügen", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a passkey", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "cancelled", null, "Die Passkey-Anfrage wurde abgebrochen oder ist abgelaufen. Versuchen Sie es erneut.")]
    [InlineData("fr", "failed", null, "La clé d'accès n'a pas pu être utilisée : erreur inconnue.")]
    [InlineData("it", "failed", "NotReadableError", "Non è stato possibile usare la passkey: NotReadableError.")]
    [InlineData("en", "unsupported", null, "This browser cannot use passkeys. Update it, or use another browser.")]
    public void The_browsers_passkey_error_codes_become_words_in_the_users_language(string language, string code, string? detail, string expected)
    {
        using var culture = StrictLocalization.UseCulture(language);

        Assert.Equal(expected, PasskeyBrowser.MessageFor(code, detail));
    }
}
