using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Browser;

/// <summary>The live token prompt for a Twilio Verify user: Send SMS, the code from the fake's outbox, signed in.</summary>
public class TwilioVerifyPromptJourneyTests : BrowserTest
{
    private FakeTwilioVerifyServer _verify = default!;

    public override async Task InitializeAsync()
    {
        _verify = await FakeTwilioVerifyServer.StartAsync();
        Portal.Settings["TwilioVerify:BaseUrl"] = _verify.BaseAddress.ToString();
        await base.InitializeAsync();
        await Portal.SeedAccountsAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _verify.DisposeAsync();
    }

    [Fact]
    public async Task Verify_sms_code_from_the_outbox_signs_in()
    {
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<TwilioVerifySettings>().SetCredentialsAsync(
                FakeTwilioVerifyServer.DefaultAccountSid, FakeTwilioVerifyServer.DefaultAuthToken, FakeTwilioVerifyServer.DefaultServiceSid,
                new SettingsActor("test", PortalFactory.AdminEmail));
            Assert.True(saved.Succeeded, saved.Message);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
            user.PhoneNumber = "+41791234567";
            user.PhoneCountryCode = 41;
            user.PhoneNumberConfirmed = true;
            user.TwoFactorViaTwilioVerify = true;
            user.TwoFactorEnabled = true;
            await users.UpdateAsync(user);
        }

        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await Page.WaitForSelectorAsync("[data-testid=prompt-user]");
        await WaitForCircuitAsync();
        await ScreenshotAsync("01-verify-prompt");

        await Page.ClickAsync("[data-testid=verify-send-sms]");
        await Page.WaitForSelectorAsync("[data-testid=verify-delivery-message]");
        Assert.Contains("+41 •••• ••67", await Page.InnerTextAsync("[data-testid=verify-delivery-message]"));
        Assert.True(await Page.IsDisabledAsync("[data-testid=verify-call-me]"));
        await ScreenshotAsync("02-verify-sms-sent");
        var sms = Assert.Single(_verify.Outbox);

        await Page.FillAsync("input[data-testid=verify-code]", sms.Code);
        await Page.ClickAsync("[data-testid=verify-code-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        await ScreenshotAsync("03-verify-signed-in");
        AssertNoConsoleErrors();
    }
}
