using System.Diagnostics;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>The seed's journey: phone on the Account page, Configure 2FA with an authenticator app, logged out, next login asks for a code.</summary>
public class AccountTwoFactorJourneyTests : BrowserTest
{
    private static string Field(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    [Fact]
    public async Task User_saves_a_phone_configures_the_built_in_authenticator_and_is_logged_out()
    {
        await Portal.SeedAccountsAsync();
        await LoginAsync();

        await Page.GotoAsync("/account");
        await WaitForCircuitAsync();
        await Page.ClickAsync(Field("phone-country"));
        await Page.FillAsync(Field("phone-country"), "Switz");
        await Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Switzerland (+41)')");
        await Assertions.Expect(Page.Locator(Field("phone-country"))).ToHaveValueAsync("Switzerland (+41)");
        await Page.WaitForSelectorAsync(".mud-popover-open .mud-list-item", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await Page.FillAsync(Field("phone-number"), "044 668 18 00");
        await Page.ClickAsync("[data-testid=phone-save]");
        await Page.WaitForSelectorAsync("text=This is a landline number");
        await ScreenshotAsync("01-landline-refused");

        await Page.FillAsync(Field("phone-number"), "079 123 45 67");
        await Page.ClickAsync("[data-testid=phone-save]");
        // A phone change renews this session (every other one ends) with a full load back to the Account page.
        await Page.WaitForURLAsync("**/account?phone=changed");
        await WaitForCircuitAsync();
        await Page.WaitForSelectorAsync("[data-testid=phone-changed-notice]");
        await ScreenshotAsync("02-phone-saved");

        await Page.ClickAsync("[data-testid=configure-2fa]");
        await Page.WaitForURLAsync("**/account/configure-2fa");
        await WaitForCircuitAsync();
        await Page.WaitForSelectorAsync("text=No data leaves this system.");
        await ScreenshotAsync("03-choose-method");

        await Page.ClickAsync("[data-testid=method-continue]");
        var key = (await (await Page.WaitForSelectorAsync("[data-testid=authenticator-key]"))!.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        Assert.True(await Page.IsVisibleAsync("img[data-testid=authenticator-qr]"));
        Assert.Contains(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=configure-2fa-wizard]"));
        await ScreenshotAsync("04-qr-and-key");

        await Page.ClickAsync("[data-testid=authenticator-next]");
        await Page.FillAsync(Field("authenticator-code"), "12345");
        await Page.ClickAsync("[data-testid=authenticator-verify]");
        await Page.WaitForSelectorAsync("text=Enter the 6 digits your app shows");
        await ScreenshotAsync("05-malformed-code");

        await Page.FillAsync(Field("authenticator-code"), await OathtoolAsync(key));
        await Page.ClickAsync("[data-testid=authenticator-verify]");
        var codes = await (await Page.WaitForSelectorAsync("[data-testid=recovery-codes]"))!.InnerTextAsync();
        Assert.Equal(10, codes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(await Page.IsDisabledAsync("[data-testid=configure-2fa-finish]"));
        await ScreenshotAsync("06-recovery-codes");

        await Page.ClickAsync("[data-testid=recovery-codes-saved]");
        await Page.ClickAsync("[data-testid=configure-2fa-finish]");
        await Page.WaitForURLAsync("**/Account/Login");
        Assert.Contains("2FA is configured. Please log in again.", await Page.InnerTextAsync("[data-testid=status-message]"));
        await ScreenshotAsync("07-logged-out");

        // The token prompt itself is another page; here it is enough that the password alone now leads to it.
        var prompt = await Page.RunAndWaitForRequestAsync(LoginAsync,
            request => new Uri(request.Url).AbsolutePath.StartsWith("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("GET", prompt.Method);

        AssertNoConsoleErrors();
    }

    private async Task LoginAsync()
    {
        await SubmitLoginAsync(PortalFactory.UserEmail);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>The code an independent implementation (oath-toolkit) computes from the key the page shows.</summary>
    private static async Task<string> OathtoolAsync(string base32Key)
    {
        var start = new ProcessStartInfo("oathtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--totp", "-b", base32Key })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var code = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "oathtool failed: " + await process.StandardError.ReadToEndAsync());
        return code;
    }
}
