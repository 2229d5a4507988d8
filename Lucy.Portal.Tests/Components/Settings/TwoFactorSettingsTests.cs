using Bunit;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Settings;

namespace Lucy.Portal.Tests.Components.Settings;

public class TwoFactorSettingsTests : SettingsComponentTestBase
{
    private const string Key = SettingsTestHost.ValidKey;

    [Fact]
    public void Without_a_key_the_page_states_that_no_login_information_leaves_the_system()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        var alert = cut.WaitForElement("[data-testid=settings-private-default]");
        Assert.Contains("No 2FA key is configured: no login information leaves this system.", alert.TextContent);
    }

    [Fact]
    public void The_key_field_is_a_password_field_labelled_2FA_Key()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        var input = cut.WaitForElement("input[data-testid=settings-key-input]");
        Assert.Equal("password", input.GetAttribute("type"));
        Assert.Contains("2FA Key", cut.Markup);
    }

    [Fact]
    public void A_saved_key_shows_the_Authy_application_and_only_the_masked_key()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForElement("input[data-testid=settings-key-input]").Change(Key);
        Click(cut, "settings-key-save");

        cut.WaitForAssertion(() => Assert.Equal("Lucy Test App", cut.Find("[data-testid=settings-key-app-name]").TextContent));
        Assert.Contains("SMS: enabled", cut.Markup);
        Assert.Contains("OneTouch: enabled", cut.Markup);
        cut.WaitForAssertion(() => Assert.Equal("••••••••1234", cut.Find("[data-testid=settings-key-masked]").TextContent));
        Assert.DoesNotContain(Key, cut.Markup);
    }

    [Fact]
    public async Task A_stored_key_is_rendered_only_masked()
    {
        await WithServiceAsync<AuthyKeySettings, AuthyKeyResult>(s => s.SetKeyAsync(Key, Admin));

        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForAssertion(() => Assert.Equal("••••••••1234", cut.Find("[data-testid=settings-key-masked]").TextContent));
        Assert.DoesNotContain(Key, cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=settings-private-default]"));
    }

    [Fact]
    public async Task A_wrong_key_shows_the_message_and_keeps_the_private_default()
    {
        KeyCheck.Answer = new AuthyKeyCheckResult(AuthyKeyCheckStatus.InvalidKey);
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForElement("input[data-testid=settings-key-input]").Change(Key);
        Click(cut, "settings-key-save");

        cut.WaitForAssertion(() => Assert.Contains("Authy refused this key", cut.Find("[data-testid=settings-key-error]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=settings-private-default]"));
        Assert.Null((await StoredSettingsAsync()).MaskedAuthyApiKey);
    }

    [Fact]
    public void Authy_unreachable_shows_a_message()
    {
        KeyCheck.Answer = new AuthyKeyCheckResult(AuthyKeyCheckStatus.Unavailable);
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForElement("input[data-testid=settings-key-input]").Change(Key);
        Click(cut, "settings-key-save");

        cut.WaitForAssertion(() => Assert.Contains("could not be reached", cut.Find("[data-testid=settings-key-error]").TextContent));
    }

    [Fact]
    public void A_malformed_key_gets_a_field_message_and_Authy_is_not_asked()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForElement("input[data-testid=settings-key-input]").Change("too-short!");
        Click(cut, "settings-key-save");

        cut.WaitForAssertion(() => Assert.Contains("An Authy API key has 20 to 64 characters.", cut.Markup));
        Assert.Empty(KeyCheck.CheckedKeys);
    }

    [Fact]
    public async Task Removing_the_key_asks_first_and_warns_that_Authy_users_must_re_enroll()
    {
        await WithServiceAsync<AuthyKeySettings, AuthyKeyResult>(s => s.SetKeyAsync(Key, Admin));
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForElement("[data-testid=settings-key-remove]").Click();

        cut.WaitForAssertion(() => Assert.Contains("re-enroll", cut.Markup));
        Assert.NotNull((await StoredSettingsAsync()).MaskedAuthyApiKey);

        ClickButtonWithText(cut, "Remove key");
        cut.WaitForElement("[data-testid=settings-private-default]");
        Assert.Null((await StoredSettingsAsync()).MaskedAuthyApiKey);
    }

    [Fact]
    public void The_guide_says_the_Authy_API_is_closed_to_new_customers()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForAssertion(() => Assert.Contains("How to get your own key", cut.Markup));
    }

    [Fact]
    public void The_shared_test_key_is_not_offered_without_configuration()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForElement("[data-testid=settings-private-default]");
        Assert.Empty(cut.FindAll("[data-testid=settings-shared-key]"));
        Assert.DoesNotContain("NOT RECOMMENDED", cut.Markup);
    }

    [Fact]
    public async Task A_stored_key_shows_the_onetouch_callback_url_built_from_the_portals_address()
    {
        await WithServiceAsync<AuthyKeySettings, AuthyKeyResult>(s => s.SetKeyAsync(Key, Admin));

        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/authy/onetouch-callback",
            cut.Find("[data-testid=settings-onetouch-callback-url]").TextContent));
    }

    [Fact]
    public void Without_a_key_no_callback_url_is_shown()
    {
        var cut = RenderWithProviders<AdvancedSettings>();

        cut.WaitForElement("[data-testid=settings-private-default]");
        Assert.Empty(cut.FindAll("[data-testid=settings-onetouch-callback]"));
    }

    [Fact]
    public async Task The_copy_button_copies_the_callback_url()
    {
        var module = JSInterop.SetupModule("./js/account.js");
        var copy = module.Setup<bool>("copyText", _ => true);
        copy.SetResult(true);
        await WithServiceAsync<AuthyKeySettings, AuthyKeyResult>(s => s.SetKeyAsync(Key, Admin));
        var cut = RenderWithProviders<AdvancedSettings>();
        cut.WaitForElement("[data-testid=settings-onetouch-callback-copy]");

        Click(cut, "settings-onetouch-callback-copy");

        cut.WaitForAssertion(() => Assert.Contains("URL copied.", cut.Find("[data-testid=settings-onetouch-callback]").TextContent));
        Assert.Equal("http://localhost/authy/onetouch-callback", Assert.Single(copy.Invocations).Arguments[0]);
    }
}
