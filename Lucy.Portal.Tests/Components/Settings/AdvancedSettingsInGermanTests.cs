using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Localization;
using Lucy.Portal.Tests.Settings;

namespace Lucy.Portal.Tests.Components.Settings;

/// <summary>Advanced Settings in German: every card, its alerts, dialogs and messages come from the resource files.</summary>
public sealed class AdvancedSettingsInGermanTests() : SettingsComponentTestBase(sharedEvaluationKey: SettingsTestHost.OtherValidKey)
{
    private readonly IDisposable german = StrictLocalization.UseCulture("de");

    protected override void Dispose(bool disposing)
    {
        german.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Everything a card can show at once: an Authy key and Twilio Verify credentials stored, the shared key offered.</summary>
    private async Task<IRenderedComponent<ContainerFragment>> RenderFullPageAsync()
    {
        await WithServiceAsync<AuthyKeySettings, AuthyKeyResult>(s => s.SetKeyAsync(SettingsTestHost.ValidKey, Admin));
        await WithServiceAsync<TwilioVerifySettings, TwilioVerifySettingsResult>(s =>
            s.SetCredentialsAsync(SettingsTestHost.TwilioAccountSid, SettingsTestHost.TwilioAuthToken, SettingsTestHost.TwilioServiceSid, Admin));
        var cut = RenderWithProviders<AdvancedSettings>();
        cut.WaitForElement("[data-testid=settings-reset]");
        return cut;
    }

    private static void AssertNoMissingText(IRenderedComponent<ContainerFragment> cut) =>
        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup);

    [Fact]
    public async Task Every_card_renders_in_German_without_a_missing_text()
    {
        var cut = await RenderFullPageAsync();

        AssertNoMissingText(cut);
        foreach (var text in new[]
        {
            "Erweiterte Einstellungen", "Zwei-Faktor-Authentifizierung", "Integrierter Authenticator", "2FA-Richtlinie",
            "Datum und Uhrzeit", "Proxy für ausgehende Verbindungen verwenden", "Passworteinstellungen",
            "Schutz vor Brute-Force-Angriffen: Sicherheitsbild", "Phishing-resistente Anmeldung für Administratoren",
            "Gerät merken", "Sitzungsdauer", "E-Mail ist aus", "Aufbewahrung des Audit-Protokolls",
            "Auf Werkseinstellungen zurücksetzen", "Zur Bestätigung RESET eingeben", "Alle Einstellungen zurücksetzen",
            "Ein 2FA-Schlüssel ist gespeichert", "Vorkonfigurierten Testschlüssel verwenden (NICHT EMPFOHLEN)",
            "Twilio-Verify-Zugangsdaten sind gespeichert", "Callback-URL", "Speichern", "1 bis 100; Standard 5.", "(innerhalb von 15 Minuten)",
        })
        {
            Assert.Contains(text, cut.Markup);
        }
        foreach (var english in new[] { "Advanced Settings", "Brute-force protection", "Remove key", "Reset all settings", "NOT RECOMMENDED", ">Save<" })
        {
            Assert.DoesNotContain(english, cut.Markup);
        }
        // The masked values keep their own elements inside the translated sentence.
        Assert.Equal("••••••••1234", cut.Find("[data-testid=settings-key-masked]").TextContent);
        Assert.Equal("••••••••b1a0", cut.Find("[data-testid=settings-twilio-token-masked]").TextContent);
        Assert.Contains("Er wird nicht verwendet: Ein anderer Anbieter ist ausgewählt.", cut.Find("[data-testid=settings-key-configured]").TextContent);
    }

    [Fact]
    public async Task The_guides_read_in_German_when_opened()
    {
        var cut = await RenderFullPageAsync();

        cut.Find("[data-testid=settings-key-guide] .mud-expand-panel-header").Click();
        cut.Find("[data-testid=settings-twilio-guide] .mud-expand-panel-header").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("Twilio hat die Authy-API für Neukunden geschlossen", cut.Markup);
            Assert.Contains("Kopieren Sie in den Einstellungen der Anwendung deren <b>Production API Key</b>.", cut.Markup);
            Assert.Contains("Twilio Verify ist der Nachfolger der Authy-API", cut.Markup);
        });
        AssertNoMissingText(cut);
    }

    [Fact]
    public async Task Removing_the_key_asks_in_German()
    {
        var cut = await RenderFullPageAsync();

        Click(cut, "settings-key-remove");

        cut.WaitForAssertion(() => Assert.Contains("2FA-Schlüssel entfernen?", cut.Markup));
        Assert.Contains("Das Portal kehrt zum integrierten Authenticator zurück", cut.Markup);
        Assert.Contains("Kein Benutzer ist allein darauf angewiesen.", cut.Markup);
        Assert.Contains("Abbrechen", cut.Markup);
        AssertNoMissingText(cut);
    }

    [Fact]
    public async Task The_shared_key_warning_is_in_German()
    {
        var cut = await RenderFullPageAsync();

        Click(cut, "settings-shared-key-use");

        cut.WaitForAssertion(() => Assert.Contains("Gemeinsam genutzten Schlüssel verwenden?", cut.Markup));
        Assert.Contains("E-Mail-Adressen, Telefonnummern und Anmeldezeiten Ihrer Benutzer", cut.Markup);
        Assert.Contains("Trotzdem gemeinsamen Schlüssel verwenden", cut.Markup);
        AssertNoMissingText(cut);
    }

    [Fact]
    public async Task A_saved_card_says_so_in_German_and_the_step_up_names_the_action_in_German()
    {
        var cut = await RenderFullPageAsync();

        Click(cut, "settings-lockout-save");

        cut.WaitForAssertion(() => Assert.Equal("Gespeichert.", cut.Find("[data-testid=settings-lockout-save-done]").TextContent));
        Assert.Contains("die Einstellungen speichern", StepUp.Asked);
        Assert.Contains("save settings", StepUp.Audited);
    }

    [Fact]
    public async Task A_refused_step_up_is_explained_in_German()
    {
        StepUp.Confirms = false;
        var cut = await RenderFullPageAsync();

        Click(cut, "settings-admin-passkey-save");

        cut.WaitForAssertion(() => Assert.Equal(
            "Nicht gespeichert: Bestätigen Sie zuerst Ihre Identität.", cut.Find("[data-testid=settings-admin-passkey-error]").TextContent));
    }

    [Fact]
    public async Task The_policy_impact_is_counted_in_German()
    {
        var cut = await RenderFullPageAsync();

        ChangeInput(cut, "settings-2fa-policy-everyone-days", "3");

        cut.WaitForAssertion(() => Assert.Contains(
            "Diese Änderung betrifft keinen Benutzer", cut.Find("[data-testid=settings-2fa-policy-impact]").TextContent));
    }
}
