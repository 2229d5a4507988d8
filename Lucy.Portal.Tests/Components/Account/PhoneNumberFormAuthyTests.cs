using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Components.Account;

/// <summary>The phone form's flow for an Authy user: current code, new number, code sent to the new number, confirm.</summary>
public class PhoneNumberFormAuthyTests(FakeAuthyServerFixture authy) : AuthyAccountComponentTestBase(authy)
{
    private string _oldId = default!;
    private IReadOnlyList<string> _recoveryCodes = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SaveAuthyKeyAsync();
        await SavePhoneAsync();
        _oldId = Authy.SeedUser(Email, "41", "791234567", hasApp: true, confirmed: true).Id;
        _recoveryCodes = await WithUserAsync<UserManager<PortalUser>, IReadOnlyList<string>>(async (users, user) =>
        {
            user.AuthyId = _oldId;
            user.TwoFactorEnabled = true;
            await users.UpdateAsync(user);
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        });
    }

    private async Task<IRenderedComponent<ContainerFragment>> RenderAtProofStepAsync()
    {
        var cut = RenderWithProviders<PhoneNumberForm>(("Region", "CH"), ("PhoneNumber", PhoneNumber), ("TwoFactorEnabled", true));
        ChangeInput(cut, "phone-number", "079 765 43 21");
        ChangeInput(cut, "phone-current-code", _recoveryCodes[0]);
        cut.Find("[data-testid=phone-save]").Click();
        cut.WaitForElement("[data-testid=phone-new-code]");
        Assert.Equal(PhoneNumber, (await StoredUserAsync()).PhoneNumber);
        return cut;
    }

    [Fact]
    public async Task The_new_number_is_saved_only_after_the_code_sent_to_it_and_the_session_is_signed_out()
    {
        var cut = await RenderAtProofStepAsync();

        Assert.Contains("+41 •••• ••21", cut.Find("[data-testid=phone-proof-info]").TextContent);
        Assert.Contains("We sent a code by SMS to +41 •••• ••21.", cut.Find("[data-testid=phone-message]").TextContent);
        var sent = Assert.Single(Authy.Outbox);
        Assert.NotEqual(_oldId, sent.AuthyId);

        ChangeInput(cut, "phone-new-code", sent.Code == "0000000" ? "1111111" : "0000000");
        cut.Find("[data-testid=phone-confirm]").Click();
        cut.WaitForAssertion(() => Assert.Contains("That code is not right.", cut.Markup));
        Assert.Equal(_oldId, (await StoredUserAsync()).AuthyId);

        ChangeInput(cut, "phone-new-code", sent.Code);
        cut.Find("[data-testid=phone-confirm]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Contains("/Account/RenewSession?token=", navigation.Uri, StringComparison.Ordinal));
        var user = await StoredUserAsync();
        Assert.Equal("+41797654321", user.PhoneNumber);
        Assert.Equal(sent.AuthyId, user.AuthyId);
    }

    [Fact]
    public async Task Cancel_at_the_code_step_keeps_the_old_number_and_factor()
    {
        var cut = await RenderAtProofStepAsync();

        cut.Find("[data-testid=phone-cancel]").Click();

        cut.WaitForElement("[data-testid=phone-save]");
        Assert.Contains("Your number is unchanged.", cut.Find("[data-testid=phone-message]").TextContent);
        var user = await StoredUserAsync();
        Assert.Equal(PhoneNumber, user.PhoneNumber);
        Assert.Equal(_oldId, user.AuthyId);
    }

    [Fact]
    public async Task Asking_again_at_once_says_to_wait_and_Authy_down_says_the_number_is_unchanged()
    {
        var cut = await RenderAtProofStepAsync();

        // The SMS just sent starts the cooldown of the send cap.
        Assert.True(cut.Find("[data-testid=phone-call]").HasAttribute("disabled"));

        Clock.Advance(Lucy.Portal.Core.SignIn.OtpDeliveryLimiter.Cooldown + TimeSpan.FromSeconds(1));
        Authy.SetFault(FakeAuthyEndpoint.Call, FakeAuthyFault.Unavailable());
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=phone-call]").HasAttribute("disabled")));
        cut.Find("[data-testid=phone-call]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Your number is unchanged.", cut.Find("[data-testid=phone-message]").TextContent));
        Assert.Equal(PhoneNumber, (await StoredUserAsync()).PhoneNumber);
    }
}
