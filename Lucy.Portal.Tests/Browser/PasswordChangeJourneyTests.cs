using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Browser;

public class PasswordChangeJourneyTests : BrowserTest
{
    private const string NewUserEmail = "new.operator@lucy.test";

    [Fact]
    public async Task A_user_who_must_change_the_password_cannot_walk_from_the_not_found_page_into_the_portal_and_can_log_out()
    {
        await Portal.SeedAccountsAsync();
        await Portal.CreateUserAsync(NewUserEmail, PortalRoles.User, mustChangePassword: true);
        await SubmitLoginAsync(NewUserEmail);
        await Page.WaitForURLAsync("**/Account/ChangePassword");

        // A path with a dot passes the middleware gate and ends on the interactive not-found page.
        await Page.GotoAsync("/x.y");
        await Page.WaitForSelectorAsync("[data-testid=not-found]");
        await WaitForCircuitAsync();
        await ScreenshotAsync("01-not-found");
        await Page.ClickAsync("text=Back to the portal");

        await Page.WaitForURLAsync("**/Account/ChangePassword");
        Assert.True(await Page.IsVisibleAsync("[data-testid=must-change]"));
        await ScreenshotAsync("02-sent-to-change-password");

        await Page.ClickAsync("[data-testid=logout]");
        await Page.WaitForURLAsync("**/Account/Login");
        await Page.GotoAsync("/account");
        await Page.WaitForURLAsync("**/Account/Login?**");
        // No AssertNoConsoleErrors: the browser reports the deliberate 404 of /x.y as one.
    }

    [Fact]
    public async Task Wrong_current_passwords_are_told_and_at_the_allowance_lock_the_account_and_log_the_user_out()
    {
        await Portal.SeedAccountsAsync();
        await SubmitLoginAsync(PortalFactory.UserEmail);
        await Page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        for (var guess = 1; guess <= 5; guess++)
        {
            await Page.GotoAsync("/Account/ChangePassword");
            await Page.FillAsync("#Input\\.CurrentPassword", "not my password " + guess);
            await Page.FillAsync("#Input\\.NewPassword", "a new passphrase for lucy");
            await Page.FillAsync("#Input\\.ConfirmPassword", "a new passphrase for lucy");
            await Page.ClickAsync("[data-testid=change-password-submit]");
            await Page.WaitForSelectorAsync(guess < 5 ? "text=Incorrect password." : "text=Too many wrong passwords");
            if (guess == 1)
            {
                await ScreenshotAsync("03-wrong-current-password");
            }
        }
        await ScreenshotAsync("04-locked-after-wrong-current-passwords");

        // The lockout ended every session: the next page asks for a login.
        await Page.GotoAsync("/account");
        await Page.WaitForURLAsync("**/Account/Login?**");
    }
}
