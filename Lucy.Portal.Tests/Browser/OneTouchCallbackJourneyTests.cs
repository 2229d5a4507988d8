using System.Diagnostics;
using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>The token prompt waiting on a OneTouch push signs in when Authy's signed callback lands, with Authy still saying "pending".</summary>
public class OneTouchCallbackJourneyTests : BrowserTest
{
    private FakeAuthyServer _authy = default!;

    public override async Task InitializeAsync()
    {
        _authy = await FakeAuthyServer.StartAsync();
        Portal.Settings["Authy:BaseUrl"] = _authy.BaseAddress.ToString();
        await base.InitializeAsync();
        await Portal.SeedAccountsAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _authy.DisposeAsync();
    }

    [Fact]
    public async Task A_callback_approval_signs_the_waiting_prompt_in_without_authy_ever_answering_approved()
    {
        await using (var scope = Portal.Services.CreateAsyncScope())
        {
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
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await WaitForCircuitAsync();

        await Page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "OneTouch" }).ClickAsync();
        await Page.ClickAsync("[data-testid=onetouch-send]");
        await Page.WaitForSelectorAsync("[data-testid=onetouch-pending]");
        await ScreenshotAsync("01-waiting");
        var uuid = Assert.Single(_authy.OneTouchRequests).Uuid;

        using var authy = new HttpClient();
        var callback = _authy.SignedCallback(HttpMethod.Post, new Uri(Portal.BaseAddress, "authy/onetouch-callback"),
            _authy.CallbackBody(uuid, "approved"), DateTimeOffset.UtcNow);
        var landed = Stopwatch.StartNew();
        using (var response = await authy.SendAsync(callback))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        var signInDelay = landed.Elapsed;
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));
        await ScreenshotAsync("02-signed-in");
        Assert.Equal("pending", _authy.OneTouchRequests[0].Status);
        Assert.True(signInDelay < TimeSpan.FromSeconds(5), $"Signed in {signInDelay.TotalMilliseconds:0} ms after the callback.");
        Console.WriteLine($"OneTouch callback to signed-in page: {signInDelay.TotalMilliseconds:0} ms");
        AssertNoConsoleErrors();
    }
}
