using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Components.Account;

/// <summary>The Account page and its parts in German: every text comes from AccountText, none is missing.</summary>
public class AccountInGermanTests : AccountComponentTestBase
{
    private static void AssertNothingMissing(IRenderedComponent<ContainerFragment> cut) =>
        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup);

    private async Task EnableAuthenticatorAsync()
    {
        var setup = await WithUserAsync<TwoFactorAccountService, AuthenticatorSetup>((s, u) => s.StartAuthenticatorAsync(u));
        var code = TotpAlgorithm.Compute(Base32.Decode(setup.ManualEntryKey)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow));
        Assert.Equal(EnrollmentCodeResult.Confirmed,
            await WithUserAsync<TwoFactorAccountService, EnrollmentCodeResult>((s, u) => s.ConfirmAuthenticatorAsync(u, code, null)));
        await WithUserAsync<TwoFactorAccountService, IReadOnlyList<string>?>((s, u) => s.CreateEnrollmentRecoveryCodesAsync(u));
        Assert.True(await WithUserAsync<TwoFactorAccountService, bool>((s, u) => s.CompleteEnrollmentAsync(u, null)));
    }

    [Fact]
    public async Task The_account_page_speaks_German_from_the_phone_form_to_the_sessions()
    {
        await WithUserAsync<UserSessions, Guid>((sessions, user) => sessions.StartAsync(user.Id, "Mozilla/5.0 Firefox/140.0", ipAddress: null));
        using var german = StrictLocalization.UseCulture("de");

        var cut = RenderWithProviders<AccountPage>();

        cut.WaitForElement("[data-testid=session-row]");
        Assert.Contains("Passwort ändern", cut.Markup);
        Assert.Contains("Mobiltelefon", cut.Find("[data-testid=phone-form]").TextContent);
        Assert.Contains("Nicht eingerichtet. Ihr Konto ist nur durch Ihr Passwort geschützt.", cut.Find("[data-testid=twofactor-status]").TextContent);
        Assert.Contains("2FA einrichten", cut.Find("[data-testid=configure-2fa]").TextContent);
        var sessions = cut.Find("[data-testid=sessions-panel]").TextContent;
        Assert.Contains("Zuletzt aktiv", sessions);
        Assert.Contains("unbekannt", sessions);
        Assert.Contains("Alle anderen Sitzungen beenden", sessions);
        Assert.Contains("Kein Gerät überspringt den zweiten Faktor.", sessions);
        AssertNothingMissing(cut);
    }

    [Fact]
    public async Task With_2FA_on_the_panel_the_factor_list_and_the_code_dialog_speak_German()
    {
        await EnableAuthenticatorAsync();
        using var german = StrictLocalization.UseCulture("de");

        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 3)));

        cut.WaitForElement("[data-testid=factor-BuiltInAuthenticator]");
        Assert.Equal("Aktiv, mit einer Authenticator-App.", cut.Find("[data-testid=twofactor-status]").TextContent);
        Assert.Contains("Authenticator-App", cut.Find("[data-testid=factor-BuiltInAuthenticator]").TextContent);
        Assert.Contains("Standard", cut.Find("[data-testid=factor-default]").TextContent);
        Assert.Contains("Verbleibende Wiederherstellungscodes: 3", cut.Find("[data-testid=recovery-codes-left]").TextContent);
        Assert.Contains("Nur noch 3 Wiederherstellungscodes übrig.", cut.Find("[data-testid=recovery-codes-low]").TextContent);

        cut.Find("[data-testid=disable-2fa]").Click();

        var dialog = cut.WaitForElement("[data-testid=current-code-dialog]");
        Assert.Contains("Danach genügt Ihr Passwort allein", cut.Markup);
        Assert.Contains("Code aus Ihrer App oder ein Wiederherstellungscode", cut.Markup);
        Assert.Equal("Abbrechen", cut.Find("[data-testid=current-code-cancel]").TextContent.Trim());
        Assert.Equal("2FA deaktivieren", cut.Find("[data-testid=current-code-submit]").TextContent.Trim());
        AssertNothingMissing(cut);
    }

    [Fact]
    public async Task Removing_a_factor_offers_a_recovery_code_as_proof_in_German()
    {
        await EnableAuthenticatorAsync();
        using var german = StrictLocalization.UseCulture("de");
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.WaitForElement("[data-testid=factor-remove-BuiltInAuthenticator]").Click();

        cut.WaitForElement("[data-testid=current-code-dialog]");
        Assert.Contains("Dies ist Ihr letzter Faktor", cut.Markup);
        Assert.Contains("Wiederherstellungscode", cut.Find("[data-testid=current-code-from]").TextContent);
        Assert.Equal("Entfernen", cut.Find("[data-testid=current-code-submit]").TextContent.Trim());
        AssertNothingMissing(cut);
    }

    [Fact]
    public void New_recovery_codes_offer_copy_and_download_in_German_and_say_when_copying_was_refused()
    {
        using var german = StrictLocalization.UseCulture("de");
        // Loose JS interop answers false: the browser refused the clipboard.
        var cut = RenderWithProviders<RecoveryCodesList>(("Codes", (IReadOnlyList<string>)["aaaa-bbbb", "cccc-dddd"]));

        Assert.Equal("Kopieren", cut.Find("[data-testid=recovery-codes-copy]").TextContent.Trim());
        Assert.Equal("Herunterladen", cut.Find("[data-testid=recovery-codes-download]").TextContent.Trim());
        cut.Find("[data-testid=recovery-codes-copy]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Ihr Browser hat das Kopieren nicht erlaubt",
            cut.Find("[data-testid=recovery-codes-copy-result]").TextContent));
        AssertNothingMissing(cut);
    }

    [Fact]
    public void Remembered_devices_are_listed_in_German()
    {
        using var german = StrictLocalization.UseCulture("de");
        var now = DateTimeOffset.UtcNow;
        IReadOnlyList<RememberedDeviceListing> devices = [new(Guid.NewGuid(), "Firefox", null, now, null, now.AddDays(30))];

        var cut = RenderWithProviders<RememberedDevicesList>(("Devices", devices), ("Dates", DateDisplayFormat.Default));

        var table = cut.Find("[data-testid=remembered-devices-table]").TextContent;
        Assert.Contains("Gespeichert am", table);
        Assert.Contains("Läuft ab am", table);
        Assert.Contains("unbekannt", table);
        Assert.Contains("noch nicht", table);
        Assert.Equal("Vergessen", cut.Find("[data-testid=forget-device]").TextContent.Trim());
        Assert.Contains("Gespeicherte Geräte", cut.Markup);
        AssertNothingMissing(cut);
    }

    [Fact]
    public async Task The_phone_form_with_2FA_on_asks_for_the_current_code_in_German()
    {
        await WithUserAsync<Microsoft.AspNetCore.Identity.UserManager<Lucy.Portal.Core.Accounts.PortalUser>, Microsoft.AspNetCore.Identity.IdentityResult>(
            (users, user) => users.SetTwoFactorEnabledAsync(user, true));
        using var german = StrictLocalization.UseCulture("de");

        var cut = RenderWithProviders<PhoneNumberForm>(("Region", "CH"), ("TwoFactorEnabled", true));

        var form = cut.Find("[data-testid=phone-form]").TextContent;
        Assert.Contains("Land", form);
        Assert.Contains("Mobilnummer", form);
        Assert.Contains("Aktueller 2FA-Code oder ein Wiederherstellungscode", form);
        Assert.Contains("Nötig, um die Nummer bei aktiver 2FA zu ändern.", form);
        Assert.Equal("Speichern", cut.Find("[data-testid=phone-save]").TextContent.Trim());
        AssertNothingMissing(cut);
    }

    [Theory]
    [InlineData("en", "Your phone number was changed.")]
    [InlineData("de", "Ihre Telefonnummer wurde geändert.")]
    [InlineData("fr", "Votre numéro de téléphone a été modifié.")]
    [InlineData("it", "Il tuo numero di telefono è stato modificato.")]
    public void The_sign_out_message_is_in_the_language_of_the_request(string language, string start)
    {
        using var culture = StrictLocalization.UseCulture(language);

        Assert.StartsWith(start, SignOutReasons.MessageFor(SignOutReasons.PhoneChanged));
        Assert.NotNull(SignOutReasons.MessageFor(SignOutReasons.TwoFactorConfigured));
        Assert.Null(SignOutReasons.MessageFor("<script>"));
    }
}
