using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Resources;
using Lucy.Portal.Resources;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Localization;
using Microsoft.Extensions.Time.Testing;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>
/// The seed's journey end to end from a fresh database: the administrator sets the Authy key in Advanced Settings,
/// the user saves a phone and configures 2FA with Authy, is logged out, logs in and passes the token prompt with a
/// code sent by SMS, then logs out and in again and passes the prompt with a code delivered by a voice call (codes read
/// from the fake Authy's outbox; the fake binds a code to the action it was sent with, as Authy does). It runs in
/// English and in Swiss German (browser language): the texts it looks for come from the resource files of that language,
/// and the SMS and call go to Authy with that locale.
/// </summary>
public class SeedJourneyTests : BrowserTest
{
    private FakeAuthyServer _authy = default!;

    // The portal's clock, so the SMS cooldown between enrollment and login passes without waiting.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    public override async Task InitializeAsync()
    {
        // One clock for the portal and the fake Authy, so codes move to the next 30-second step when the test says so.
        _authy = await FakeAuthyServer.StartAsync(_clock);
        Portal.Settings["Authy:BaseUrl"] = _authy.BaseAddress.ToString();
        Portal.Clock = _clock;
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _authy.DisposeAsync();
    }

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("de-CH", "de")]
    public async Task Administrator_sets_the_authy_key_user_enrolls_with_authy_sms_and_logs_in_with_an_sms_code_then_a_call_code(
        string browserLanguage, string language)
    {
        await UseBrowserLanguageAsync(browserLanguage);
        string Text<TResource>(string key) => ResourceText.Get<TResource>(language, key);
        string CoreText(Type resource, string key) => ResourceText.Get(resource, language, key);

        // First run: the setup page creates the administrator.
        await Page.GotoAsync("/");
        await Page.WaitForURLAsync("**/setup");
        Assert.Equal(language, await Page.GetAttributeAsync("html", "lang"));
        await Page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.FillAsync("#Input\\.ConfirmPassword", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=setup-submit]");
        await Page.WaitForURLAsync("**/Account/Login");
        await LoginAsync(PortalFactory.AdminEmail);

        // System → Advanced Settings: paste the 2FA key, save, see the Authy application.
        await Page.ClickAsync($".mud-drawer >> text={Text<LayoutText>("Nav_AdvancedSettings")}");
        await Page.WaitForURLAsync("**/system/advanced-settings");
        await Page.FillAsync(Input("settings-key-input"), FakeAuthyServer.DefaultApiKey);
        await Page.ClickAsync("[data-testid=settings-key-save]");
        await Page.WaitForSelectorAsync("[data-testid=settings-key-app-name]");
        await ScreenshotAsync(language + "-01-admin-key-saved");
        await Page.ClickAsync("[data-testid=logout]");
        await Page.WaitForURLAsync("**/Account/Login");

        // The user (added by the administrator beforehand) saves a phone and configures 2FA with Authy.
        await Portal.CreateUserAsync(PortalFactory.UserEmail, PortalRoles.User, mustChangePassword: false);
        await LoginAsync(PortalFactory.UserEmail);
        await Page.GotoAsync("/account");
        await WaitForCircuitAsync();
        await Page.ClickAsync(Input("phone-country"));
        await Page.FillAsync(Input("phone-country"), "Switz");
        await Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Switzerland (+41)')");
        await Page.WaitForSelectorAsync(".mud-popover-open .mud-list-item", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Page.FillAsync(Input("phone-number"), "079 123 45 67");
        await Page.ClickAsync("[data-testid=phone-save]");
        // A phone change renews this session (every other one ends) with a full load back to the Account page.
        await Page.WaitForURLAsync("**/account?phone=changed");
        await WaitForCircuitAsync();
        await Page.WaitForSelectorAsync("[data-testid=phone-changed-notice]");

        await Page.ClickAsync("[data-testid=configure-2fa]");
        await Page.WaitForURLAsync("**/account/configure-2fa");
        await WaitForCircuitAsync();
        await Page.ClickAsync("[data-testid=method-authy]");
        await ScreenshotAsync(language + "-02-choose-authy");
        await Page.ClickAsync("[data-testid=method-continue]");
        await Page.ClickAsync("[data-testid=authy-register]");
        await Page.WaitForSelectorAsync("[data-testid=authy-enroll-sms]");
        var registered = Assert.Single(_authy.RequestsTo(FakeAuthyEndpoint.RegisterUser));
        Assert.Equal("41", registered.Form["user[country_code]"]);
        Assert.Equal("791234567", registered.Form["user[cellphone]"]);

        await Page.ClickAsync("[data-testid=authy-enroll-sms]");
        await Page.WaitForSelectorAsync("[data-testid=authy-enroll-sms-result]");
        await ScreenshotAsync(language + "-03-enrollment-sms-sent");
        var enrollmentSms = Assert.Single(_authy.Outbox);
        Assert.Equal(("sms", true, null), (enrollmentSms.Channel, enrollmentSms.Forced, enrollmentSms.Action));

        await Page.FillAsync(Input("authy-enroll-code"), "1234567");
        await Page.ClickAsync("[data-testid=authy-enroll-verify]");
        await Page.WaitForSelectorAsync("text=" + CoreText(typeof(SignInStrings), "Login_WrongCode").TrimEnd('.'));
        await Page.FillAsync(Input("authy-enroll-code"), enrollmentSms.Code);
        await Page.ClickAsync("[data-testid=authy-enroll-verify]");
        await Page.WaitForSelectorAsync("[data-testid=recovery-codes]");
        await ScreenshotAsync(language + "-04-recovery-codes");
        await Page.ClickAsync("[data-testid=recovery-codes-saved]");
        await Page.ClickAsync("[data-testid=configure-2fa-finish]");
        await Page.WaitForURLAsync("**/Account/Login");
        Assert.Contains(Text<AccountText>("SignedOut_TwoFactorConfigured"), await Page.InnerTextAsync("[data-testid=status-message]"));
        await ScreenshotAsync(language + "-05-logged-out");

        // Next login asks for a token: Send SMS, read it from the outbox, signed in.
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await WaitForCircuitAsync();
        await ScreenshotAsync(language + "-06-token-prompt");
        // The enrollment SMS started the per-account cooldown, and its code is used up: a new step brings a new code.
        _clock.Advance(TimeSpan.FromSeconds(31));
        await Page.ClickAsync("[data-testid=send-sms]");
        await Page.WaitForSelectorAsync("[data-testid=delivery-message]");
        var loginSms = _authy.Outbox[^1];
        Assert.Equal(("sms", true, null, language), (loginSms.Channel, loginSms.Forced, loginSms.Action, loginSms.Locale));
        Assert.NotEqual(enrollmentSms.Code, loginSms.Code);
        await Page.FillAsync("input[data-testid=authy-code]", loginSms.Code);
        await Page.ClickAsync("[data-testid=authy-code-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));
        await ScreenshotAsync(language + "-07-signed-in");

        // Log out and in again: this time "Call me", and the code the call reads out.
        await Page.ClickAsync("[data-testid=logout]");
        await Page.WaitForURLAsync("**/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await WaitForCircuitAsync();
        _clock.Advance(TimeSpan.FromSeconds(31));
        await Page.ClickAsync("[data-testid=call-me]");
        await Page.WaitForSelectorAsync("[data-testid=delivery-message]");
        Assert.StartsWith(CoreText(typeof(TwoFactorStrings), "Code_CallingWithCode").Split("{0}")[0], await Page.InnerTextAsync("[data-testid=delivery-message]"), StringComparison.Ordinal);
        var loginCall = _authy.Outbox[^1];
        Assert.Equal(("call", true, null, language), (loginCall.Channel, loginCall.Forced, loginCall.Action, loginCall.Locale));
        Assert.NotEqual(loginSms.Code, loginCall.Code);
        await ScreenshotAsync(language + "-08-call-started");
        await Page.FillAsync("input[data-testid=authy-code]", loginCall.Code);
        await Page.ClickAsync("[data-testid=authy-code-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));
        Assert.All(_authy.RequestsTo(FakeAuthyEndpoint.Verify), r => Assert.Equal(("true", null), (r.Query("force"), r.Query("action"))));
        AssertNoConsoleErrors();
    }

    private async Task LoginAsync(string email)
    {
        await SubmitLoginAsync(email);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
    }
}
