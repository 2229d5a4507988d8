using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Resources;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Lucy.Portal.Tests.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>
/// The token prompt and the enrollment wizard in the browser's language (Accept-Language), and the picker: expected texts
/// come from the resource files in the test's language, so the tests follow the translations (docs/languages.md).
/// </summary>
public class LanguageJourneyTests : BrowserTest
{
    /// <summary>The token prompt in each language, kept for the closing note (outside the work tree).</summary>

    private FakeAuthyServer _authy = default!;

    public override async Task InitializeAsync()
    {
        _authy = await FakeAuthyServer.StartAsync();
        Portal.Settings["Authy:BaseUrl"] = _authy.BaseAddress.ToString();
        await base.InitializeAsync();
        await Portal.SeedAccountsAsync();
        await using var scope = Portal.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AuthyKeySettings>()
            .SetKeyAsync(FakeAuthyServer.DefaultApiKey, new SettingsActor("test", PortalFactory.AdminEmail));
        Assert.True(saved.Succeeded, saved.Message);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _authy.DisposeAsync();
    }

    private async Task PrepareUserAsync(bool enrolled)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        user.PhoneNumber = "+41791234567";
        user.PhoneCountryCode = 41;
        if (enrolled)
        {
            user.AuthyId = _authy.SeedUser(PortalFactory.UserEmail, "41", "791234567", hasApp: true, confirmed: true).Id;
            user.TwoFactorEnabled = true;
        }
        await users.UpdateAsync(user);
    }

    private async Task PasswordStepAsync()
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
    }

    private Task<string?> HtmlLangAsync() => Page.GetAttributeAsync("html", "lang");

    [Theory]
    [InlineData("en-US", "en", "Send SMS")]
    [InlineData("de-CH", "de", "SMS senden")]
    [InlineData("fr-CH", "fr", "Envoyer un SMS")]
    [InlineData("it-CH", "it", "Invia SMS")]
    public async Task The_token_prompt_speaks_the_browsers_language_and_the_sms_goes_out_in_it(string browser, string language, string sendSms)
    {
        await PrepareUserAsync(enrolled: true);
        await UseBrowserLanguageAsync(browser);

        await PasswordStepAsync();
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await WaitForCircuitAsync();

        Assert.Equal(language, await HtmlLangAsync());
        Assert.Equal(ResourceText.Get<PromptText>(language, "Prompt_Title"), (await Page.InnerTextAsync("h6 >> nth=0")).Trim());
        Assert.Contains(sendSms, await Page.InnerTextAsync("[data-testid=send-sms]"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(language, await Page.GetAttributeAsync("[data-testid=language-picker]", "data-current-language"));
        await ScreenshotAsync("token-prompt-" + language);

        await Page.ClickAsync("[data-testid=send-sms]");
        await Page.WaitForSelectorAsync("[data-testid=delivery-message]");
        Assert.Equal(language, Assert.Single(_authy.Outbox).Locale);
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Picking_a_language_on_the_login_page_then_in_the_app_bar_switches_the_pages_and_saves_the_choice()
    {
        await UseBrowserLanguageAsync("en-US");
        await Page.GotoAsync("/Account/Login");
        Assert.Equal("en", await HtmlLangAsync());

        await Page.ClickAsync("[data-testid=language-de]");
        await Page.WaitForSelectorAsync("html[lang=de]");
        Assert.Equal("/Account/Login", new Uri(Page.Url).AbsolutePath);
        Assert.Equal(ResourceText.Get<LoginText>("de", "Login_Title"), (await Page.InnerTextAsync("h6 >> nth=0")).Trim());

        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        Assert.Equal("de", await HtmlLangAsync());
        Assert.Equal(ResourceText.Get<LayoutText>("de", "UserBadge_Logout"), (await Page.InnerTextAsync("[data-testid=logout]")).Trim(), ignoreCase: true);

        await Page.ClickAsync("[data-testid=language-menu] button");
        await Page.ClickAsync("[data-testid=language-fr]");
        await Page.WaitForSelectorAsync("html[lang=fr]");
        await WaitForCircuitAsync();
        Assert.Equal(ResourceText.Get<LayoutText>("fr", "Nav_Account"), (await Page.InnerTextAsync(".mud-drawer a[href=account]")).Trim());
        await ScreenshotAsync("app-bar-fr");
        await using var scope = Portal.Services.CreateAsyncScope();
        Assert.Equal("fr", (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.PreferredLanguage);
        AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData("de-CH", "de", "Weiter")]
    [InlineData("fr-CH", "fr", "Continuer")]
    public async Task The_enrollment_wizard_speaks_the_browsers_language_and_its_sms_goes_out_in_it(string browser, string language, string continueWord)
    {
        await PrepareUserAsync(enrolled: false);
        await UseBrowserLanguageAsync(browser);
        await PasswordStepAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await Page.GotoAsync("/account/configure-2fa");
        await WaitForCircuitAsync();
        Assert.Equal(language, await HtmlLangAsync());
        Assert.Equal(ResourceText.Get<WizardText>(language, "Wizard_Heading"), (await Page.InnerTextAsync("h4 >> nth=0")).Trim());
        Assert.Contains(ResourceText.Get<WizardText>(language, "Choose_Question"), await Page.InnerTextAsync("body"));
        Assert.Contains(continueWord, await Page.InnerTextAsync("[data-testid=method-continue]"), StringComparison.OrdinalIgnoreCase);

        await Page.ClickAsync("[data-testid=method-authy]");
        await Page.ClickAsync("[data-testid=method-continue]");
        await Page.ClickAsync("[data-testid=authy-register]");
        await Page.WaitForSelectorAsync("[data-testid=authy-enroll-sms]");
        Assert.Contains(ResourceText.Get<WizardText>(language, "AuthyCode_SendSms"), await Page.InnerTextAsync("[data-testid=authy-enroll-sms]"), StringComparison.OrdinalIgnoreCase);
        await Page.ClickAsync("[data-testid=authy-enroll-sms]");
        await Page.WaitForSelectorAsync("[data-testid=authy-enroll-sms-result]");
        await ScreenshotAsync("wizard-" + language);

        Assert.Equal(("sms", language), (Assert.Single(_authy.Outbox).Channel, _authy.Outbox[0].Locale));
        AssertNoConsoleErrors();
    }
}
