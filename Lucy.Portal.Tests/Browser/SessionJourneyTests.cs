using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>
/// A live page (a Blazor circuit makes no HTTP request) loses access as soon as its session ends elsewhere: logout in
/// another tab of the same browser, or "Log out everywhere" in another browser. Circuits recheck every second here
/// (Sessions:CircuitRevalidationSeconds), so the test waits at most a few seconds.
/// </summary>
public class SessionJourneyTests : BrowserTest
{
    public override async Task InitializeAsync()
    {
        Portal.Settings["Sessions:CircuitRevalidationSeconds"] = "1";
        await base.InitializeAsync();
        await Portal.SeedAccountsAsync();
    }

    [Fact]
    public async Task Logging_out_in_one_tab_ends_the_live_page_of_the_other_tab()
    {
        await LoginAsync(Page);
        var secondTab = await Page.Context.NewPageAsync();
        await OpenAccountPageAsync(secondTab);
        // The click goes to the live page, not to its prerendered copy while the circuit replaces it.
        await WaitForCircuitAsync(Page);

        await Page.ClickAsync("[data-testid=logout]");
        await Page.WaitForURLAsync("**/Account/Login");

        // The second tab sends nothing by itself: only its circuit's recheck can take it to the login page.
        await secondTab.WaitForURLAsync("**/Account/Login**", new PageWaitForURLOptions { Timeout = 10_000 });
        await secondTab.WaitForSelectorAsync("[data-testid=login-form]");
        await secondTab.GotoAsync("/account");
        await secondTab.WaitForURLAsync("**/Account/Login**");
        await ScreenshotAsync("01-first-tab-logged-out");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Log_out_everywhere_ends_the_live_page_of_another_browser()
    {
        await LoginAsync(Page);
        var otherBrowser = await NewPageAsync();
        await LoginAsync(otherBrowser);
        await OpenAccountPageAsync(otherBrowser);
        await OpenAccountPageAsync(Page);

        await Page.ClickAsync("[data-testid=logout-everywhere]");

        await Page.WaitForURLAsync("**/Account/Login");
        await Page.WaitForSelectorAsync("text=You were logged out everywhere.");
        await otherBrowser.WaitForURLAsync("**/Account/Login**", new PageWaitForURLOptions { Timeout = 10_000 });
        await ScreenshotAsync("02-logged-out-everywhere");
        AssertNoConsoleErrors();
    }

    private static async Task LoginAsync(IPage page)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    private async Task OpenAccountPageAsync(IPage page)
    {
        await page.GotoAsync("/account");
        await WaitForCircuitAsync(page);
        await page.WaitForSelectorAsync("[data-testid=account-email]");
    }
}
