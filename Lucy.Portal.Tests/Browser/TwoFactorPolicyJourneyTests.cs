using System.Diagnostics;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

public class TwoFactorPolicyJourneyTests : BrowserTest
{
    private static string Field(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    /// <summary>Where the policy card's screenshot goes when the tests run from a worktree (for the closing note).</summary>
    private static string? ArtifactsFolder =>
        Environment.GetEnvironmentVariable("LUCY_ARTIFACTS") is { Length: > 0 } folder ? folder : null;

    [Fact]
    public async Task Everyone_with_zero_days_holds_a_user_without_2fa_on_the_wizard_until_enrolled()
    {
        await Portal.SeedAccountsAsync();

        // The administrator requires 2FA for everyone, at the next login; the card counts who is affected first.
        await LoginAsync(PortalFactory.AdminEmail);
        await Page.GotoAsync("/system/advanced-settings");
        await WaitForCircuitAsync();
        await Page.ClickAsync("[data-testid=settings-2fa-policy-required]");
        await Page.ClickAsync(".mud-popover-open .mud-list-item:has-text('Everyone')");
        await Page.FillAsync(Field("settings-2fa-policy-everyone-days"), "0");
        await Page.PressAsync(Field("settings-2fa-policy-everyone-days"), "Tab");
        await Page.FillAsync(Field("settings-2fa-policy-admin-days"), "0");
        await Page.PressAsync(Field("settings-2fa-policy-admin-days"), "Tab");
        await Page.WaitForSelectorAsync("[data-testid=settings-2fa-policy-impact]:has-text('2 users must set up 2FA at the next login')");
        var card = Page.Locator("[data-testid=settings-2fa-policy]");
        await card.ScrollIntoViewIfNeededAsync();
        await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "policy-card.png") });
        if (ArtifactsFolder is { } artifacts)
        {
            Directory.CreateDirectory(artifacts);
            await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(artifacts, "policy-card.png") });
        }
        // The administrator signed in with the password moments ago and has no 2FA: that is a fresh step-up.
        await Page.ClickAsync("[data-testid=settings-2fa-policy-save]");
        await Page.WaitForSelectorAsync("[data-testid=settings-2fa-policy-save-done]");
        await Page.ClickAsync("[data-testid=logout]");
        await Page.WaitForURLAsync("**/Account/Login");

        // The user goes from the password step straight to the wizard, and nowhere else.
        await LoginAsync(PortalFactory.UserEmail);
        await Page.WaitForURLAsync("**/account/configure-2fa");
        await WaitForCircuitAsync();
        Assert.True(await Page.IsVisibleAsync("[data-testid=two-factor-policy-overdue]"));
        await ScreenshotAsync("01-held-on-the-wizard");
        foreach (var page in new[] { "/", "/account", "/users", "/system/advanced-settings", "/system/audit-log", "/Account/ChangePassword" })
        {
            await Page.GotoAsync(page);
            await Page.WaitForURLAsync("**/account/configure-2fa");
        }
        // Inside the live circuit too: the not-found page's link walks through the router, which sends it back.
        await Page.GotoAsync("/x.y");
        await Page.WaitForSelectorAsync("[data-testid=not-found]");
        await WaitForCircuitAsync();
        await Page.ClickAsync("text=Back to the portal");
        await Page.WaitForURLAsync("**/account/configure-2fa");
        await WaitForCircuitAsync();

        // Enrol; the wizard logs the user out, and the next login is free.
        await Page.ClickAsync("[data-testid=method-continue]");
        var key = (await (await Page.WaitForSelectorAsync("[data-testid=authenticator-key]"))!.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Page.ClickAsync("[data-testid=authenticator-next]");
        await Page.FillAsync(Field("authenticator-code"), await OathtoolAsync(key));
        await Page.ClickAsync("[data-testid=authenticator-verify]");
        var codes = (await (await Page.WaitForSelectorAsync("[data-testid=recovery-codes]"))!.InnerTextAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        await Page.ClickAsync("[data-testid=recovery-codes-saved]");
        await Page.ClickAsync("[data-testid=configure-2fa-finish]");
        await Page.WaitForURLAsync("**/Account/Login");

        // The enrolment used this time step's code; a recovery code signs in without waiting for the next one.
        await LoginAsync(PortalFactory.UserEmail);
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await OtherWaysToSignInAsync();
        await Page.ClickAsync("[data-testid=tab-recovery]");
        await Page.FillAsync("input[data-testid=recovery-code]", codes[0]);
        await Page.ClickAsync("[data-testid=recovery-code-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Page.GotoAsync("/account");
        await WaitForCircuitAsync();
        Assert.Equal("/account", new Uri(Page.Url).AbsolutePath);
        Assert.False(await Page.IsVisibleAsync("[data-testid=two-factor-policy-overdue]"));
        Assert.False(await Page.IsVisibleAsync("[data-testid=two-factor-policy-banner]"));
        await ScreenshotAsync("02-free-after-enrolling");
    }

    private async Task LoginAsync(string email)
    {
        await SubmitLoginAsync(email);
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
