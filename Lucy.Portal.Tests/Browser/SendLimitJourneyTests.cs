using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>Issue 9, "Send limits", in a real browser: after an SMS every send button of the prompt shows the same cooldown.</summary>
public class SendLimitJourneyTests : BrowserTest
{
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
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        user.AuthyId = _authy.SeedUser(PortalFactory.UserEmail, "41", "791234567", hasApp: true, confirmed: true).Id;
        user.PhoneNumber = "+41791234567";
        user.PhoneCountryCode = 41;
        user.TwoFactorEnabled = true;
        await users.UpdateAsync(user);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _authy.DisposeAsync();
    }

    [Fact]
    public async Task After_an_sms_the_onetouch_button_and_a_reloaded_prompt_show_the_same_cooldown()
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await WaitForCircuitAsync();

        await Page.ClickAsync("[data-testid=send-sms]");
        await Page.WaitForSelectorAsync("[data-testid=delivery-message]");
        Assert.Single(_authy.Outbox);

        await Page.GetByRole(AriaRole.Tab, new() { Name = "OneTouch" }).ClickAsync();
        var push = Page.Locator("[data-testid=onetouch-send]");
        await push.WaitForAsync();
        Assert.True(await push.IsDisabledAsync());
        Assert.Matches(@"(?i)Send a login request \(\d+ s\)", await push.InnerTextAsync());
        await ScreenshotAsync("01-onetouch-cooling-down");

        await Page.ReloadAsync();
        await WaitForCircuitAsync();
        var sms = Page.Locator("[data-testid=send-sms]");
        await sms.WaitForAsync();
        Assert.True(await sms.IsDisabledAsync());
        Assert.Matches(@"(?i)Send SMS \(\d+ s\)", await sms.InnerTextAsync());
        Assert.Empty(_authy.OneTouchRequests);
        AssertNoConsoleErrors();
    }
}
