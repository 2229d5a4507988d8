using Bunit;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Components.Account;

public class TwoFactorPanelTests : AccountComponentTestBase
{
    private async Task<(byte[] Seed, IReadOnlyList<string> Codes)> EnableAsync()
    {
        var setup = await WithUserAsync<TwoFactorAccountService, AuthenticatorSetup>((s, u) => s.StartAuthenticatorAsync(u));
        var seed = Base32.Decode(setup.ManualEntryKey)!;
        // Confirm with the previous step's code, so the current one is still unused for the test.
        var code = TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow) - 1);
        Assert.Equal(EnrollmentCodeResult.Confirmed, await WithUserAsync<TwoFactorAccountService, EnrollmentCodeResult>((s, u) => s.ConfirmAuthenticatorAsync(u, code, null)));
        var codes = await WithUserAsync<TwoFactorAccountService, IReadOnlyList<string>?>((s, u) => s.CreateEnrollmentRecoveryCodesAsync(u));
        Assert.True(await WithUserAsync<TwoFactorAccountService, bool>((s, u) => s.CompleteEnrollmentAsync(u, null)));
        return (seed, codes!);
    }

    [Fact]
    public void Without_2FA_the_panel_says_not_configured_and_offers_Configure_2FA_only()
    {
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", TwoFactorStatus.Off));

        Assert.Contains("Not configured", cut.Find("[data-testid=twofactor-status]").TextContent);
        Assert.EndsWith("account/configure-2fa", cut.Find("[data-testid=configure-2fa]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=disable-2fa]"));
        Assert.Empty(cut.FindAll("[data-testid=regenerate-recovery-codes]"));
    }

    [Fact]
    public void With_2FA_on_the_panel_names_the_method_and_the_codes_left()
    {
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 8)));

        Assert.Contains("authenticator app", cut.Find("[data-testid=twofactor-status]").TextContent);
        Assert.Contains("8", cut.Find("[data-testid=recovery-codes-left]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=recovery-codes-low]"));
        Assert.NotNull(cut.Find("[data-testid=disable-2fa]"));
        Assert.NotNull(cut.Find("[data-testid=regenerate-recovery-codes]"));
        Assert.Empty(cut.FindAll("[data-testid=configure-2fa]"));
    }

    [Fact]
    public async Task With_2FA_on_the_panel_lists_the_factor_as_default_and_offers_another()
    {
        await EnableAsync();

        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.WaitForAssertion(() => Assert.Contains("Authenticator app", cut.Find("[data-testid=factor-BuiltInAuthenticator]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=factor-BuiltInAuthenticator] [data-testid=factor-default]"));
        Assert.Empty(cut.FindAll("[data-testid=factor-make-default-BuiltInAuthenticator]"));
        Assert.EndsWith("account/configure-2fa", cut.Find("[data-testid=add-factor]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_factor_is_renamed_in_place_and_a_blank_name_stays_in_the_dialog_with_a_message()
    {
        await EnableAsync();
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.WaitForElement("[data-testid=factor-rename-BuiltInAuthenticator]").Click();
        Assert.Equal("Authenticator app", cut.WaitForElement("input[data-testid=rename-factor-name], [data-testid=rename-factor-name] input").GetAttribute("value"));
        TypeInput(cut, "rename-factor-name", "   ");
        cut.Find("[data-testid=rename-factor-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enter a name.", cut.Find("[data-testid=rename-factor-dialog]").TextContent));

        TypeInput(cut, "rename-factor-name", "  Phone\tin my bag  ");
        cut.Find("[data-testid=rename-factor-save]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=rename-factor-dialog]")));
        cut.WaitForAssertion(() => Assert.Contains("Phone in my bag", cut.Find("[data-testid=factor-BuiltInAuthenticator]").TextContent));
        var factors = await WithUserAsync<TwoFactorAccountService, IReadOnlyList<UserFactor>>((s, u) => s.ListFactorsAsync(u));
        Assert.Equal("Phone in my bag", Assert.Single(factors).Name);
        Assert.True(Assert.Single(factors).IsDefault);
    }

    [Fact]
    public async Task Removing_the_last_factor_with_a_recovery_code_turns_2FA_off_and_logs_out()
    {
        var (_, codes) = await EnableAsync();
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.WaitForElement("[data-testid=factor-remove-BuiltInAuthenticator]").Click();
        TypeInput(cut, "current-code", codes[0]);
        cut.Find("[data-testid=current-code-submit]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/Account/SignedOut?reason=2fa-disabled", navigation.Uri, StringComparison.Ordinal));
        Assert.False((await StoredUserAsync()).TwoFactorEnabled);
    }

    [Fact]
    public async Task Removing_the_only_factor_with_its_own_code_is_refused_in_the_dialog()
    {
        var (seed, _) = await EnableAsync();
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.WaitForElement("[data-testid=factor-remove-BuiltInAuthenticator]").Click();
        TypeInput(cut, "current-code", TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow)));
        cut.Find("[data-testid=current-code-submit]").Click();

        // The only proof offered is a recovery code: six digits are not one.
        cut.WaitForAssertion(() => Assert.Contains(CodeMessages.Malformed, cut.Markup));
        Assert.True((await StoredUserAsync()).TwoFactorEnabled);
    }

    [Fact]
    public void Three_codes_left_show_a_warning()
    {
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 3)));

        Assert.Contains("Only 3 recovery codes are left", cut.Find("[data-testid=recovery-codes-low]").TextContent);
    }

    [Fact]
    public async Task Disable_with_a_wrong_code_keeps_the_dialog_open_with_a_message()
    {
        var (seed, _) = await EnableAsync();
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.Find("[data-testid=disable-2fa]").Click();
        TypeInput(cut, "current-code", TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow) + 10));
        cut.Find("[data-testid=current-code-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains(CodeMessages.Invalid, cut.Markup));
        Assert.True((await StoredUserAsync()).TwoFactorEnabled);
    }

    [Fact]
    public async Task Disable_with_a_recovery_code_turns_2FA_off_and_logs_out()
    {
        var (_, codes) = await EnableAsync();
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.Find("[data-testid=disable-2fa]").Click();
        TypeInput(cut, "current-code", codes[0]);
        cut.Find("[data-testid=current-code-submit]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith("/Account/SignedOut?reason=2fa-disabled", navigation.Uri, StringComparison.Ordinal));
        Assert.False((await StoredUserAsync()).TwoFactorEnabled);
    }

    [Fact]
    public async Task Regenerate_with_a_current_code_typed_with_a_space_shows_ten_new_codes()
    {
        var (seed, oldCodes) = await EnableAsync();
        var cut = RenderWithProviders<TwoFactorPanel>(("Status", new TwoFactorStatus(true, EnrollmentMethod.BuiltInAuthenticator, 10)));

        cut.Find("[data-testid=regenerate-recovery-codes]").Click();
        TypeInput(cut, "current-code", Spaced(TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow))));
        cut.Find("[data-testid=current-code-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=recovery-codes] li").Count));
        Assert.DoesNotContain(oldCodes[0], cut.Markup);
    }
}
