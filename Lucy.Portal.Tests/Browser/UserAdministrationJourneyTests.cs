using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>
/// An administrator resets the 2FA of a user who lost their phone, and the user enrolls again; a user ends one of their
/// sessions from the Account page and that other browser loses access. Circuits recheck every second here.
/// </summary>
public class UserAdministrationJourneyTests : BrowserTest
{
    private static string Field(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    public override async Task InitializeAsync()
    {
        Portal.Settings["Sessions:CircuitRevalidationSeconds"] = "1";
        await base.InitializeAsync();
        await Portal.SeedAccountsAsync();
    }

    [Fact]
    public async Task An_administrator_resets_a_users_2fa_and_the_user_enrolls_again()
    {
        await EnrollAuthenticatorAsync(PortalFactory.UserEmail);
        var user = await NewPageAsync();
        await LoginAsync(user, PortalFactory.UserEmail);
        Assert.Contains("/Account/LoginWith2fa", user.Url, StringComparison.OrdinalIgnoreCase);

        await LoginAsync(Page, PortalFactory.AdminEmail);
        await Page.GotoAsync("/users");
        await WaitForCircuitAsync();
        var methods = Page.Locator($"[data-testid=\"methods-{PortalFactory.UserEmail}\"]");
        await Assertions.Expect(methods).ToContainTextAsync("Authenticator app");
        await Assertions.Expect(Page.Locator($"[data-testid=\"recovery-codes-{PortalFactory.UserEmail}\"]")).ToHaveTextAsync("10");
        await ScreenshotAsync("01-users-page");

        await Page.ClickAsync($"[data-testid=\"reset-2fa-{PortalFactory.UserEmail}\"]");
        await Page.FillAsync(Field("reset-2fa-confirmation"), "someone@lucy.test");
        await Page.ClickAsync("[data-testid=reset-2fa-confirm]");
        await Page.WaitForSelectorAsync($"text=Type {PortalFactory.UserEmail} exactly to confirm.");
        await Page.FillAsync(Field("reset-2fa-confirmation"), PortalFactory.UserEmail);
        await Page.ClickAsync("[data-testid=reset-2fa-confirm]");
        await Page.WaitForSelectorAsync($"text=2FA of {PortalFactory.UserEmail} was reset.");
        await Assertions.Expect(methods).ToHaveTextAsync("Off");
        await ScreenshotAsync("02-users-page-after-reset");

        // The password alone signs the user in now; the Account page offers Configure 2FA, and the wizard works again.
        await LoginAsync(user, PortalFactory.UserEmail);
        Assert.Equal("/", new Uri(user.Url).AbsolutePath);
        await user.GotoAsync("/account");
        await WaitForCircuitAsync(user);
        await user.ClickAsync("[data-testid=configure-2fa]");
        await user.WaitForURLAsync("**/account/configure-2fa");
        await WaitForCircuitAsync(user);
        await user.ClickAsync("[data-testid=method-continue]");
        var key = (await (await user.WaitForSelectorAsync("[data-testid=authenticator-key]"))!.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await user.ClickAsync("[data-testid=authenticator-next]");
        await user.FillAsync(Field("authenticator-code"), TotpAlgorithm.Compute(Base32.Decode(key)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow)));
        await user.ClickAsync("[data-testid=authenticator-verify]");
        await user.WaitForSelectorAsync("[data-testid=recovery-codes]");
        await user.ClickAsync("[data-testid=recovery-codes-saved]");
        await user.ClickAsync("[data-testid=configure-2fa-finish]");
        // The finish signs the user out; the live page's stamp check may get there first and add a returnUrl.
        await user.WaitForURLAsync(url => new Uri(url).AbsolutePath.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase));

        await LoginAsync(user, PortalFactory.UserEmail);
        Assert.Contains("/Account/LoginWith2fa", user.Url, StringComparison.OrdinalIgnoreCase);
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_user_ends_another_session_from_the_account_page_and_that_browser_loses_access()
    {
        var otherBrowser = await NewPageAsync();
        await LoginAsync(otherBrowser, PortalFactory.UserEmail);
        await otherBrowser.GotoAsync("/account");
        await WaitForCircuitAsync(otherBrowser);
        await otherBrowser.WaitForSelectorAsync("[data-testid=account-email]");

        await LoginAsync(Page, PortalFactory.UserEmail);
        await Page.GotoAsync("/account");
        await WaitForCircuitAsync();
        var rows = Page.Locator("[data-testid=session-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(Page.Locator("[data-testid=current-session]")).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Chrome");
        await ScreenshotAsync("03-sessions-list");

        await Page.ClickAsync("[data-testid=end-session]");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        // The other browser's live page makes no request: its circuit's recheck takes it to the login page.
        await otherBrowser.WaitForURLAsync("**/Account/Login**", new PageWaitForURLOptions { Timeout = 10_000 });
        await otherBrowser.GotoAsync("/account");
        await otherBrowser.WaitForURLAsync("**/Account/Login**");
        // This browser keeps its session.
        await Page.ReloadAsync();
        await WaitForCircuitAsync();
        await Assertions.Expect(Page.Locator("[data-testid=current-session]")).ToHaveCountAsync(1);
        await ScreenshotAsync("04-other-session-ended");
        AssertNoConsoleErrors();
    }

    private static async Task LoginAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Enrolls the user in the built-in authenticator as the wizard would (real clock), with ten recovery codes.</summary>
    private async Task EnrollAuthenticatorAsync(string email)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var enrollment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>();
        var setup = await enrollment.StartAsync(user);
        var seed = Base32.Decode(setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal))!;
        Assert.Equal(AuthenticatorConfirmation.Confirmed, await enrollment.ConfirmAsync(user, TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow))));
        await users.SetTwoFactorEnabledAsync(user, true);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
    }
}
