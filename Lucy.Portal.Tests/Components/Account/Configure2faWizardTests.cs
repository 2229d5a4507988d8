using Bunit;
using Bunit.TestDoubles;
using Lucy.Portal.Components.Account.Manage.Configure2fa;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Components.Account;

public class Configure2faWizardTests : AccountComponentTestBase
{
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderAtCodeStep(out string key)
    {
        var cut = RenderWithProviders<Configure2faPage>();
        cut.WaitForElement("[data-testid=method-continue]").Click();
        key = cut.WaitForElement("[data-testid=authenticator-key]").TextContent.Replace(" ", "", StringComparison.Ordinal);
        cut.Find("[data-testid=authenticator-next]").Click();
        cut.WaitForElement("[data-testid=authenticator-code]");
        return cut;
    }

    private static string CurrentCode(string key) =>
        TotpAlgorithm.Compute(Base32.Decode(key)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow));

    [Fact]
    public void Step_one_offers_the_built_in_authenticator_as_recommended_and_says_no_data_leaves()
    {
        var cut = RenderWithProviders<Configure2faPage>();

        cut.WaitForElement("[data-testid=method-continue]");
        // The built-in authenticator and a passkey: the two methods that need no outside service.
        Assert.Equal(2, cut.FindAll("[data-testid=method-choice] input[type=radio]").Count);
        Assert.NotNull(cut.Find("input[type=radio][data-testid=method-passkey]"));
        Assert.Contains("(recommended)", cut.Markup);
        Assert.Contains("No data leaves this system.", cut.Markup);
        Assert.Contains("Google Authenticator", cut.Markup);
        Assert.DoesNotContain("SMS", cut.Find("[data-testid=method-choice]").TextContent);
    }

    [Fact]
    public void Continue_shows_the_QR_code_and_the_key_in_groups_of_four()
    {
        var cut = RenderWithProviders<Configure2faPage>();

        cut.WaitForElement("[data-testid=method-continue]").Click();

        var qr = cut.WaitForElement("img[data-testid=authenticator-qr]");
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"));
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", cut.Find("[data-testid=authenticator-key]").TextContent);
        Assert.Contains(Email, cut.Markup);
        Assert.NotNull(cut.Find("[data-testid=authenticator-key-copy]"));
    }

    [Fact]
    public async Task A_malformed_code_gets_a_field_message_and_is_not_counted()
    {
        var cut = RenderAtCodeStep(out _);

        TypeInput(cut, "authenticator-code", "12a");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Enter the 6 digits your app shows", cut.Markup));
        Assert.Equal(0, (await StoredUserAsync()).AccessFailedCount);
    }

    [Fact]
    public async Task A_wrong_code_gets_a_message_is_counted_and_enables_nothing()
    {
        var cut = RenderAtCodeStep(out var key);
        var wrong = TotpAlgorithm.Compute(Base32.Decode(key)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow) + 10);

        TypeInput(cut, "authenticator-code", wrong);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("That code is not right.", cut.Markup));
        var user = await StoredUserAsync();
        Assert.Equal(1, user.AccessFailedCount);
        Assert.False(user.TwoFactorEnabled);
        Assert.Empty(cut.FindAll("[data-testid=recovery-codes]"));
    }

    [Fact]
    public async Task The_right_code_shows_ten_recovery_codes_and_Finish_waits_for_the_checkbox_then_logs_out()
    {
        var cut = RenderAtCodeStep(out var key);

        TypeInput(cut, "authenticator-code", CurrentCode(key));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=recovery-codes] li").Count));
        Assert.NotNull(cut.Find("[data-testid=recovery-codes-copy]"));
        Assert.NotNull(cut.Find("[data-testid=recovery-codes-download]"));
        Assert.True(cut.Find("[data-testid=configure-2fa-finish]").HasAttribute("disabled"));
        Assert.False((await StoredUserAsync()).TwoFactorEnabled);

        cut.Find("input[type=checkbox]").Change(true);
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=configure-2fa-finish]").HasAttribute("disabled")));
        cut.Find("[data-testid=configure-2fa-finish]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/Account/SignedOut?reason=2fa-configured", navigation.Uri, StringComparison.Ordinal));
        Assert.True((await StoredUserAsync()).TwoFactorEnabled);
    }

    [Fact]
    public async Task The_code_typed_with_a_space_as_apps_show_it_is_accepted()
    {
        var cut = RenderAtCodeStep(out var key);

        TypeInput(cut, "authenticator-code", Spaced(CurrentCode(key)));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=recovery-codes] li").Count));
        Assert.Equal(0, (await StoredUserAsync()).AccessFailedCount);
    }

    [Fact]
    public void Copy_and_download_call_the_account_script_module()
    {
        var module = JSInterop.SetupModule("./js/account.js");
        module.Setup<bool>("copyText", _ => true).SetResult(true);
        module.SetupVoid("downloadText", _ => true).SetVoidResult();
        var cut = RenderAtCodeStep(out var key);
        TypeInput(cut, "authenticator-code", CurrentCode(key));
        cut.Find("form").Submit();
        cut.WaitForElement("[data-testid=recovery-codes-copy]").Click();
        cut.Find("[data-testid=recovery-codes-download]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Copied.", cut.Markup));
        var download = module.VerifyInvoke("downloadText");
        Assert.Equal("lucy-recovery-codes.txt", download.Arguments[0]);
    }

    [Fact]
    public async Task With_2FA_on_and_every_available_method_held_the_wizard_does_not_start()
    {
        var setup = await WithUserAsync<TwoFactorAccountService, AuthenticatorSetup>((s, u) => s.StartAuthenticatorAsync(u));
        var code = TotpAlgorithm.Compute(Base32.Decode(setup.ManualEntryKey)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow));
        Assert.Equal(EnrollmentCodeResult.Confirmed,
            await WithUserAsync<TwoFactorAccountService, EnrollmentCodeResult>((s, u) => s.ConfirmAuthenticatorAsync(u, code, null)));
        await WithUserAsync<Microsoft.AspNetCore.Identity.UserManager<Lucy.Portal.Core.Accounts.PortalUser>, Microsoft.AspNetCore.Identity.IdentityResult>(
            (users, user) => users.SetTwoFactorEnabledAsync(user, true));
        // Passkeys need no provider, so they are always available: the user holds one too.
        await WithUserAsync<Microsoft.AspNetCore.Identity.UserManager<Lucy.Portal.Core.Accounts.PortalUser>, Microsoft.AspNetCore.Identity.IdentityResult>(
            (users, user) => users.AddOrUpdatePasskeyAsync(user, new Microsoft.AspNetCore.Identity.UserPasskeyInfo(
                [1, 2, 3, 4], [5, 6, 7, 8], DateTimeOffset.UtcNow, 0, null, true, false, false, [9], [10]) { Name = "Work laptop" }));

        var cut = RenderWithProviders<Configure2faPage>();

        cut.WaitForElement("[data-testid=configure-2fa-already-on]");
        Assert.Empty(cut.FindAll("[data-testid=method-continue]"));
    }

    [Fact]
    public async Task With_2FA_on_and_an_authenticator_app_the_wizard_offers_to_add_a_passkey()
    {
        var setup = await WithUserAsync<TwoFactorAccountService, AuthenticatorSetup>((s, u) => s.StartAuthenticatorAsync(u));
        var code = TotpAlgorithm.Compute(Base32.Decode(setup.ManualEntryKey)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow));
        Assert.Equal(EnrollmentCodeResult.Confirmed,
            await WithUserAsync<TwoFactorAccountService, EnrollmentCodeResult>((s, u) => s.ConfirmAuthenticatorAsync(u, code, null)));
        await WithUserAsync<Microsoft.AspNetCore.Identity.UserManager<Lucy.Portal.Core.Accounts.PortalUser>, Microsoft.AspNetCore.Identity.IdentityResult>(
            (users, user) => users.SetTwoFactorEnabledAsync(user, true));

        var cut = RenderWithProviders<Configure2faPage>();

        cut.WaitForElement("[data-testid=method-passkey]");
        Assert.Empty(cut.FindAll("[data-testid=method-builtin]"));
    }

    [Fact]
    public async Task With_2FA_on_the_wizard_adds_a_method_the_user_lacks_without_new_recovery_codes()
    {
        await WithUserAsync<Microsoft.AspNetCore.Identity.UserManager<Lucy.Portal.Core.Accounts.PortalUser>, Microsoft.AspNetCore.Identity.IdentityResult>(
            (users, user) => users.SetTwoFactorEnabledAsync(user, true));

        var cut = RenderWithProviders<Configure2faPage>();

        cut.WaitForElement("[data-testid=method-builtin]");
        Assert.NotNull(cut.Find("[data-testid=factor-name]"));
        Assert.DoesNotContain("Save recovery codes", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=configure-2fa-already-on]"));
    }
}
