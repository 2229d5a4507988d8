using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Components.Account.Manage.Configure2fa;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Fakes;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Tests.Components.Account;

public class Configure2faAuthyTests(FakeAuthyServerFixture authy) : AuthyAccountComponentTestBase(authy)
{
    private async Task<IRenderedComponent<ContainerFragment>> RenderAtRegisterStepAsync()
    {
        await SaveAuthyKeyAsync();
        await SavePhoneAsync();
        var cut = RenderWithProviders<Configure2faPage>();
        cut.WaitForElement("input[data-testid=method-authy]").Click();
        cut.Find("[data-testid=method-continue]").Click();
        cut.WaitForElement("[data-testid=authy-register]");
        return cut;
    }

    private async Task<IRenderedComponent<ContainerFragment>> RenderAtCodeStepAsync()
    {
        var cut = await RenderAtRegisterStepAsync();
        cut.Find("[data-testid=authy-register]").Click();
        cut.WaitForElement("[data-testid=authy-enroll-code]");
        return cut;
    }

    private static string Text(IRenderedComponent<ContainerFragment> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").TextContent;

    /// <summary>MudRadio puts the test id on its input; what the user reads is the label around it.</summary>
    private static string RadioLabel(IRenderedComponent<ContainerFragment> cut, string testId) =>
        cut.Find($"input[data-testid={testId}]").Closest("label")!.TextContent;

    [Fact]
    public void Without_an_Authy_key_step_one_offers_only_the_built_in_authenticator()
    {
        var cut = RenderWithProviders<Configure2faPage>();

        cut.WaitForElement("[data-testid=method-continue]");
        // The built-in authenticator and a passkey, which need no outside service; no Authy.
        Assert.Equal(2, cut.FindAll("[data-testid=method-choice] input[type=radio]").Count);
        Assert.Empty(cut.FindAll("[data-testid=method-authy]"));
        Assert.Empty(cut.FindAll("[data-testid=method-authy]"));
    }

    [Fact]
    public async Task With_a_key_and_no_phone_the_Authy_choice_is_disabled_and_asks_for_a_mobile_number_first()
    {
        await SaveAuthyKeyAsync();

        var cut = RenderWithProviders<Configure2faPage>();

        var radio = cut.WaitForElement("input[type=radio][data-testid=method-authy]");
        Assert.True(radio.HasAttribute("disabled"));
        Assert.Contains("Save your mobile number on the Account page first.", Text(cut, "method-authy-needs-phone"));
        Assert.DoesNotContain("shared with Authy", Text(cut, "method-choice"));
    }

    [Fact]
    public async Task With_a_key_and_a_phone_Authy_is_offered_with_the_privacy_and_weaker_SMS_wording_and_the_built_in_stays_recommended()
    {
        await SaveAuthyKeyAsync();
        await SavePhoneAsync();

        var cut = RenderWithProviders<Configure2faPage>();

        var radio = cut.WaitForElement("input[type=radio][data-testid=method-authy]");
        Assert.False(radio.HasAttribute("disabled"));
        Assert.Equal(3, cut.FindAll("[data-testid=method-choice] input[type=radio]").Count);
        var choice = Text(cut, "method-choice");
        Assert.Contains("Your email and phone number are shared with Authy (Twilio).", choice);
        Assert.Contains("SMS codes are the weaker option", choice);
        Assert.Contains("(recommended)", RadioLabel(cut, "method-builtin"));
        Assert.DoesNotContain("(recommended)", RadioLabel(cut, "method-authy"));
        Assert.Empty(cut.FindAll("[data-testid=method-authy-needs-phone]"));
    }

    [Fact]
    public async Task Choosing_Authy_and_Continue_shows_the_register_step()
    {
        var cut = await RenderAtRegisterStepAsync();

        Assert.Contains("Register my phone", Text(cut, "authy-register"));
        Assert.Empty(cut.FindAll("[data-testid=authenticator-qr]"));
        Assert.Empty(Authy.RequestsTo(FakeAuthyEndpoint.RegisterUser));
    }

    [Fact]
    public async Task Register_my_phone_registers_the_saved_number_with_Authy_and_moves_to_the_code_step()
    {
        var cut = await RenderAtRegisterStepAsync();

        cut.Find("[data-testid=authy-register]").Click();

        cut.WaitForElement("[data-testid=authy-enroll-code]");
        var request = Assert.Single(Authy.RequestsTo(FakeAuthyEndpoint.RegisterUser));
        Assert.Equal("41", request.Form["user[country_code]"]);
        Assert.Equal("791234567", request.Form["user[cellphone]"]);
        Assert.Equal(Email, request.Form["user[email]"]);
        var user = await StoredUserAsync();
        Assert.NotNull(user.PendingAuthyId);
        Assert.Null(user.AuthyId);
    }

    [Fact]
    public async Task A_phone_Authy_refuses_shows_the_error_on_the_register_step_and_stays_there()
    {
        var cut = await RenderAtRegisterStepAsync();
        Authy.SetFault(FakeAuthyEndpoint.RegisterUser, FakeAuthyFault.Respond(400, FakeAuthyBodies.Error("60033", "Phone number is invalid")));

        cut.Find("[data-testid=authy-register]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Authy did not accept this phone number", Text(cut, "authy-register-error")));
        Assert.NotNull(cut.Find("[data-testid=authy-register]"));
        Assert.Empty(cut.FindAll("[data-testid=authy-enroll-code]"));
        Assert.Null((await StoredUserAsync()).PendingAuthyId);
    }

    [Fact]
    public async Task With_Authy_down_registering_shows_an_error_and_saves_nothing()
    {
        var cut = await RenderAtRegisterStepAsync();
        Authy.SetFault(FakeAuthyEndpoint.RegisterUser, FakeAuthyFault.Unavailable());

        cut.Find("[data-testid=authy-register]").Click();

        cut.WaitForAssertion(() => Assert.False(string.IsNullOrWhiteSpace(Text(cut, "authy-register-error"))));
        Assert.Empty(cut.FindAll("[data-testid=authy-enroll-code]"));
        var user = await StoredUserAsync();
        Assert.Null(user.PendingAuthyId);
        Assert.Null(user.AuthyId);
    }

    [Fact]
    public async Task Send_me_an_SMS_sends_one_forced_SMS_and_shows_the_masked_phone_and_a_countdown_on_the_button()
    {
        var cut = await RenderAtCodeStepAsync();

        cut.Find("[data-testid=authy-enroll-sms]").Click();

        cut.WaitForAssertion(() => Assert.Contains("We sent a code by SMS to +41 •••• ••67.", Text(cut, "authy-enroll-sms-result")));
        var sms = Assert.Single(Authy.Outbox);
        Assert.Equal("sms", sms.Channel);
        Assert.True(sms.Forced);
        Assert.Equal((await StoredUserAsync()).PendingAuthyId, sms.AuthyId);
        var button = cut.Find("[data-testid=authy-enroll-sms]");
        Assert.Contains("Send me an SMS (30 s)", button.TextContent);
        Assert.True(button.HasAttribute("disabled"));

        Clock.Advance(TimeSpan.FromSeconds(10));

        cut.WaitForAssertion(() => Assert.Contains("Send me an SMS (20 s)", Text(cut, "authy-enroll-sms")));
    }

    [Fact]
    public async Task A_wrong_code_says_the_code_is_not_correct_and_enables_nothing()
    {
        var cut = await RenderAtCodeStepAsync();
        var pendingId = (await StoredUserAsync()).PendingAuthyId!;

        TypeInput(cut, "authy-enroll-code", Authy.TokenFor(pendingId, 10));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("That code is not correct", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=recovery-codes]"));
        var user = await StoredUserAsync();
        Assert.False(user.TwoFactorEnabled);
        Assert.Null(user.AuthyId);
        Assert.Equal(pendingId, user.PendingAuthyId);
    }

    [Fact]
    public async Task The_right_code_from_the_SMS_shows_ten_recovery_codes()
    {
        var cut = await RenderAtCodeStepAsync();
        cut.Find("[data-testid=authy-enroll-sms]").Click();
        cut.WaitForElement("[data-testid=authy-enroll-sms-result]");

        TypeInput(cut, "authy-enroll-code", Assert.Single(Authy.Outbox).Code);
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=recovery-codes] li").Count));
        var user = await StoredUserAsync();
        Assert.NotNull(user.AuthyId);
        Assert.Null(user.PendingAuthyId);
        Assert.False(user.TwoFactorEnabled);
    }

    [Fact]
    public async Task The_code_from_the_SMS_typed_with_a_space_is_accepted()
    {
        var cut = await RenderAtCodeStepAsync();
        cut.Find("[data-testid=authy-enroll-sms]").Click();
        cut.WaitForElement("[data-testid=authy-enroll-sms-result]");

        TypeInput(cut, "authy-enroll-code", Spaced(Assert.Single(Authy.Outbox).Code));
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=recovery-codes] li").Count));
        Assert.NotNull((await StoredUserAsync()).AuthyId);
    }

    [Fact]
    public async Task The_2FA_panel_names_Authy_for_a_user_enrolled_with_Authy()
    {
        await SaveAuthyKeyAsync();
        var authyUser = Authy.SeedUser(Email, "41", "791234567", hasApp: true, confirmed: true);
        await WithUserAsync<UserManager<PortalUser>, IdentityResult>((users, user) =>
        {
            user.PhoneNumber = PhoneNumber;
            user.PhoneCountryCode = 41;
            user.PhoneRegion = "CH";
            user.AuthyId = authyUser.Id;
            user.TwoFactorEnabled = true;
            return users.UpdateAsync(user);
        });
        var status = await WithUserAsync<TwoFactorAccountService, TwoFactorStatus>((twoFactor, user) => twoFactor.GetStatusAsync(user));

        var cut = RenderWithProviders<TwoFactorPanel>(("Status", status));

        Assert.Contains("Authy (app or SMS)", Text(cut, "twofactor-status"));
        Assert.NotNull(cut.Find("[data-testid=disable-2fa]"));
    }
}
