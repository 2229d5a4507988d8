using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Settings;

namespace Lucy.Portal.Tests.Components.Settings;

public class TwilioVerifySettingsComponentTests : SettingsComponentTestBase
{
    private const string AccountSid = SettingsTestHost.TwilioAccountSid;
    private const string Token = SettingsTestHost.TwilioAuthToken;
    private const string ServiceSid = SettingsTestHost.TwilioServiceSid;

    [Fact]
    public void The_auth_token_field_is_a_password_field()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        var input = cut.WaitForElement("input[data-testid=settings-twilio-token-input]");
        Assert.Equal("password", input.GetAttribute("type"));
        Assert.Contains("How to set up Twilio Verify", cut.Markup);
    }

    [Fact]
    public void Saved_credentials_show_the_service_name_and_only_the_masked_token()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        Fill(cut, AccountSid, Token, ServiceSid);
        Click(cut, "settings-twilio-save");

        cut.WaitForAssertion(() => Assert.Equal("Lucy Verify Service", cut.Find("[data-testid=settings-twilio-service-name]").TextContent));
        cut.WaitForAssertion(() => Assert.Equal("••••••••b1a0", cut.Find("[data-testid=settings-twilio-token-masked]").TextContent));
        Assert.DoesNotContain(Token, cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=settings-private-default]"));
    }

    [Fact]
    public async Task Stored_credentials_are_rendered_with_the_token_masked()
    {
        await WithServiceAsync<TwilioVerifySettings, TwilioVerifySettingsResult>(s => s.SetCredentialsAsync(AccountSid, Token, ServiceSid, Admin));

        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForAssertion(() => Assert.Equal("••••••••b1a0", cut.Find("[data-testid=settings-twilio-token-masked]").TextContent));
        Assert.Equal(ServiceSid, cut.Find("[data-testid=settings-twilio-service-sid]").TextContent);
        Assert.DoesNotContain(Token, cut.Markup);
    }

    [Fact]
    public void Malformed_values_get_field_messages_and_Twilio_is_not_asked()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        Fill(cut, "AC123", "short", "VA-nope");
        Click(cut, "settings-twilio-save");

        cut.WaitForAssertion(() => Assert.Contains("An Account SID is AC followed by 32 hexadecimal characters", cut.Markup));
        Assert.Contains("An Auth Token (or API key secret) has 32 letters and digits.", cut.Markup);
        Assert.Contains("A Verify Service SID is VA followed by 32 hexadecimal characters.", cut.Markup);
        Assert.Empty(TwilioCheck.Checked);
    }

    [Fact]
    public async Task Wrong_credentials_show_the_message_and_keep_the_private_default()
    {
        TwilioCheck.Answer = new TwilioVerifyCredentialCheckResult(TwilioVerifyCredentialCheckStatus.InvalidCredentials);
        var cut = RenderWithProviders<AdvancedSettings>();

        Fill(cut, AccountSid, Token, ServiceSid);
        Click(cut, "settings-twilio-save");

        cut.WaitForAssertion(() => Assert.Contains("Twilio refused the Account SID and Auth Token", cut.Find("[data-testid=settings-twilio-error]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=settings-private-default]"));
        Assert.False((await StoredSettingsAsync()).HasTwilioVerifyCredentials);
    }

    [Fact]
    public void Twilio_unreachable_shows_that_the_previous_setting_is_kept()
    {
        TwilioCheck.Answer = new TwilioVerifyCredentialCheckResult(TwilioVerifyCredentialCheckStatus.Unavailable);
        var cut = RenderWithProviders<AdvancedSettings>();

        Fill(cut, AccountSid, Token, ServiceSid);
        Click(cut, "settings-twilio-save");

        cut.WaitForAssertion(() => Assert.Contains("previous setting is kept", cut.Find("[data-testid=settings-twilio-error]").TextContent));
    }

    [Fact]
    public async Task Removing_asks_first_and_then_returns_to_the_built_in_authenticator()
    {
        await WithServiceAsync<TwilioVerifySettings, TwilioVerifySettingsResult>(s => s.SetCredentialsAsync(AccountSid, Token, ServiceSid, Admin));
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForElement("[data-testid=settings-twilio-remove]").Click();

        cut.WaitForAssertion(() => Assert.Contains("re-enroll", cut.Markup));
        Assert.True((await StoredSettingsAsync()).HasTwilioVerifyCredentials);

        ClickButtonWithText(cut, "Remove credentials");
        cut.WaitForElement("[data-testid=settings-private-default]");
        var stored = await StoredSettingsAsync();
        Assert.False(stored.HasTwilioVerifyCredentials);
        Assert.Equal(TwoFactorProviderKind.BuiltInAuthenticator, stored.TwoFactorProvider);
    }

    private static void Fill(IRenderedComponent<ContainerFragment> cut, string accountSid, string token, string serviceSid)
    {
        cut.WaitForElement("input[data-testid=settings-twilio-account-sid-input]").Change(accountSid);
        cut.Find("input[data-testid=settings-twilio-token-input]").Change(token);
        cut.Find("input[data-testid=settings-twilio-service-sid-input]").Change(serviceSid);
    }
}
