using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Components.Account.Manage.Configure2fa;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Localization;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Tests.Components.Account;

/// <summary>The steps that need Authy (the wizard's Authy steps, the phone form's proof step) in German.</summary>
public class AuthyStepsInGermanTests(FakeAuthyServerFixture authy) : AuthyAccountComponentTestBase(authy)
{
    private static void AssertNothingMissing(IRenderedComponent<ContainerFragment> cut) =>
        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup);

    [Fact]
    public async Task The_Authy_register_and_code_steps_speak_German()
    {
        await SaveAuthyKeyAsync();
        await SavePhoneAsync();
        using var german = StrictLocalization.UseCulture("de");
        var cut = RenderWithProviders<Configure2faPage>();
        cut.WaitForElement("input[data-testid=method-authy]").Click();
        cut.Find("[data-testid=method-continue]").Click();

        var register = cut.WaitForElement("[data-testid=authy-register]", TimeSpan.FromSeconds(10));
        Assert.Contains("Mein Telefon registrieren", register.TextContent);
        // The button's name appears in bold in the instructions, as markup from the resource file.
        Assert.Contains("Drücken Sie <b>Mein Telefon registrieren</b>", cut.Markup);
        Assert.Contains("Bei Authy registrieren", cut.Markup);
        AssertNothingMissing(cut);

        register.Click();

        cut.WaitForElement("[data-testid=authy-enroll-code]", TimeSpan.FromSeconds(10));
        Assert.Contains("Authy-Code", cut.Markup);
        Assert.Contains("SMS an mich senden", cut.Markup);
        Assert.StartsWith("Hier gesendete Codes zählen zum Limit von", cut.Find("[data-testid=authy-enroll-send-limit]").TextContent);
        Assert.Equal("Prüfen", cut.Find("[data-testid=authy-enroll-verify]").TextContent.Trim());
        AssertNothingMissing(cut);
    }

    [Fact]
    public async Task The_phone_form_proof_step_speaks_German_and_cancel_keeps_the_number()
    {
        await SaveAuthyKeyAsync();
        await SavePhoneAsync();
        var recoveryCode = await WithUserAsync<UserManager<PortalUser>, string>(async (users, user) =>
        {
            user.AuthyId = Authy.SeedUser(Email, "41", "791234567", hasApp: true, confirmed: true).Id;
            user.TwoFactorEnabled = true;
            await users.UpdateAsync(user);
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.First();
        });
        using var german = StrictLocalization.UseCulture("de");
        var cut = RenderWithProviders<PhoneNumberForm>(("Region", "CH"), ("PhoneNumber", PhoneNumber), ("TwoFactorEnabled", true));
        ChangeInput(cut, "phone-number", "079 765 43 21");
        ChangeInput(cut, "phone-current-code", recoveryCode);

        cut.Find("[data-testid=phone-save]").Click();

        cut.WaitForElement("[data-testid=phone-new-code]", TimeSpan.FromSeconds(10));
        Assert.StartsWith("Ihre 2FA-Codes gehen künftig an +41 •••• ••21", cut.Find("[data-testid=phone-proof-info]").TextContent.Trim());
        Assert.Contains("SMS erneut senden", cut.Markup);
        Assert.Contains("Stattdessen anrufen", cut.Markup);
        Assert.Equal("Neue Nummer bestätigen", cut.Find("[data-testid=phone-confirm]").TextContent.Trim());
        AssertNothingMissing(cut);

        cut.Find("[data-testid=phone-cancel]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Ihre Nummer ist unverändert.", cut.Find("[data-testid=phone-message]").TextContent.Trim()));
        Assert.Equal(PhoneNumber, (await StoredUserAsync()).PhoneNumber);
    }
}
