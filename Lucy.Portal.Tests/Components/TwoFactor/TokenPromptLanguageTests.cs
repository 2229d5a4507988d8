using Bunit;
using Lucy.Portal.Components.Account.TwoFactor;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Localization;

namespace Lucy.Portal.Tests.Components.TwoFactor;

/// <summary>The pieces of the token prompt speak the user's language, with no key missing in any language.</summary>
public class TokenPromptLanguageTests : TwoFactorComponentTestBase
{
    private static FactorOffer AuthyOffer() =>
        new(EnrollmentMethod.Authy, "Authy", FactorCapabilities.Code | FactorCapabilities.SendsCode)
        {
            Channels = [CodeChannel.Sms, CodeChannel.Call],
        };

    [Theory]
    [InlineData("de", "SMS senden", "Mich anrufen", "Wir können einen Code an +41 •••••••67 senden.", "Bestätigen")]
    [InlineData("fr", "Envoyer un SMS", "M'appeler", "Nous pouvons envoyer un code au +41 •••••••67.", "Vérifier")]
    [InlineData("it", "Invia SMS", "Chiamami", "Possiamo inviare un codice al +41 •••••••67.", "Verifica")]
    public void The_code_panel_is_in_the_users_language(string language, string sms, string call, string intro, string verify)
    {
        using var culture = StrictLocalization.UseCulture(language);

        var cut = Render<CodePanel>(p => p
            .Add(c => c.Offer, AuthyOffer())
            .Add(c => c.MaskedPhone, "+41 •••••••67")
            .Add(c => c.Send, _ => Task.FromResult(new CodeDeliveryResult(CodeDeliveryStatus.Sent, "ok", null))));

        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup, StringComparison.Ordinal);
        Assert.Equal(sms, TextOf(cut, "send-sms"));
        Assert.Equal(call, TextOf(cut, "call-me"));
        Assert.Contains(intro, cut.Markup, StringComparison.Ordinal);
        Assert.Equal(verify, TextOf(cut, "authy-code-submit"));
    }

    [Fact]
    public void The_onetouch_panel_is_in_german()
    {
        using var culture = StrictLocalization.UseCulture("de");

        var cut = Render<OneTouchPanel>(p => p
            .Add(c => c.Start, () => Task.FromResult(new OneTouchResult(OneTouchStatus.Pending, "")))
            .Add(c => c.Check, () => Task.FromResult(new OneTouchResult(OneTouchStatus.Pending, ""))));

        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Bestätigen Sie die Anmeldung mit einem Tippen in der Authy-App", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Anmeldeanfrage senden", TextOf(cut, "onetouch-send"));
    }

    [Fact]
    public void The_code_form_keeps_its_english_button_in_english()
    {
        using var culture = StrictLocalization.UseCulture("en");

        var cut = Render<CodeEntryForm>(p => p.Add(f => f.Label, "6-digit code").Add(f => f.TestId, "code"));

        Assert.Equal("Verify", TextOf(cut, "code-submit"));
    }
}
