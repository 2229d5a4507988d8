using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

public class SecurityImageJourneyTests : BrowserTest
{
    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    [Fact]
    public async Task Administrator_turns_the_security_image_on_and_after_two_wrong_passwords_the_user_solves_it_and_logs_in()
    {
        await Portal.SeedAccountsAsync();
        await LogInAsync(PortalFactory.AdminEmail, PortalFactory.Password);
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Page.GotoAsync("/system/advanced-settings");
        await WaitForCircuitAsync();
        await Page.Locator(Input("settings-security-image-enabled")).CheckAsync(new LocatorCheckOptions { Force = true });
        await Page.FillAsync(Input("settings-security-image-failures"), "2");
        await Page.ClickAsync("[data-testid=settings-security-image-save]");
        await Page.WaitForSelectorAsync("[data-testid=settings-security-image-save-done]");
        await Page.Locator("[data-testid=settings-security-image]").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync("01-setting-on");
        await Page.ClickAsync("[data-testid=logout]");
        await Page.WaitForURLAsync("**/Account/Login");

        await LogInAsync(PortalFactory.UserEmail, "not the password, once");
        await Page.WaitForSelectorAsync("text=Wrong email or password.");
        Assert.False(await Page.IsVisibleAsync("[data-testid=security-image]"));
        await LogInAsync(PortalFactory.UserEmail, "not the password, twice");
        var picture = await Page.WaitForSelectorAsync("[data-testid=security-image-picture]");
        Assert.True(await picture!.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 240"), "The image did not load.");
        Assert.Contains("letters and digits", await picture.GetAttributeAsync("alt"));
        Assert.DoesNotContain(Portal.SecurityImageCodes.Last, await Page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await ScreenshotAsync("02-security-image-asked");

        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.GetByLabel("Characters in the image").FillAsync(Portal.SecurityImageCodes.Last.ToLowerInvariant());
        await Page.ClickAsync("[data-testid=login-submit]");

        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));
        await ScreenshotAsync("03-signed-in");
        AssertNoConsoleErrors();
    }

    private async Task LogInAsync(string email, string password)
    {
        if (!Page.Url.Contains("/Account/Login", StringComparison.Ordinal))
        {
            await Page.GotoAsync("/Account/Login");
        }
        await Page.FillAsync("#Input\\.Email", email);
        await Page.FillAsync("#Input\\.Password", password);
        await Page.ClickAsync("[data-testid=login-submit]");
    }
}
