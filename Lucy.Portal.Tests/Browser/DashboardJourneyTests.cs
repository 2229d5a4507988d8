using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

public class DashboardJourneyTests : BrowserTest
{
    public override Task InitializeAsync()
    {
        // A one-second refresh, so the journey sees the page follow a change without waiting half a minute.
        Portal.Settings["Dashboard:RefreshInterval"] = "00:00:01";
        return base.InitializeAsync();
    }

    [Fact]
    public async Task An_administrator_watches_coverage_rise_live_when_a_user_enrols_and_the_user_sees_their_own_home()
    {
        await Portal.SeedAccountsAsync();
        await LoginAsync(Page, PortalFactory.AdminEmail);
        await WaitForCircuitAsync();
        await Page.WaitForSelectorAsync("[data-testid=coverage-percent] >> text=0 %");
        Assert.Contains("0 of 2 users with 2FA", await Page.InnerTextAsync("[data-testid=coverage-numbers]"));
        Assert.Contains(PortalFactory.AdminEmail, await Page.InnerTextAsync("[data-testid=administrators-without-2fa]"));
        Assert.Contains("1 successful", await Page.InnerTextAsync("[data-testid=signin-totals]"));
        await ScreenshotAsync("01-administrator-home-before");

        await EnrolAuthenticatorAsync(PortalFactory.UserEmail);

        // No reload: the open page's timer brings the new figures.
        await Page.WaitForSelectorAsync("[data-testid=coverage-percent] >> text=50 %", new PageWaitForSelectorOptions { Timeout = 10_000 });
        Assert.Contains("1 of 2 users with 2FA", await Page.InnerTextAsync("[data-testid=coverage-numbers]"));
        Assert.Equal("1", (await Page.InnerTextAsync("[data-testid='method-Authenticator app']")).Trim());
        await ScreenshotAsync("02-administrator-home-after-enrolment");

        var userPage = await NewPageAsync();
        await LoginAsync(userPage, PortalFactory.UserEmail, expectSecondFactor: true);
        Assert.Empty(await userPage.QuerySelectorAllAsync("[data-testid=administrator-home]"));
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_user_without_2fa_sees_set_up_now_and_their_last_failed_attempt()
    {
        await Portal.SeedAccountsAsync();
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", "not the password at all");
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForSelectorAsync("text=Wrong email or password.");

        await LoginAsync(Page, PortalFactory.UserEmail);
        await WaitForCircuitAsync();

        await Page.WaitForSelectorAsync("[data-testid=set-up-2fa]");
        Assert.Contains("Wrong password", await Page.InnerTextAsync("[data-testid=own-last-failure]"));
        Assert.Contains("Last sign-in:", await Page.InnerTextAsync("[data-testid=own-last-sign-in]"));
        Assert.DoesNotContain("none yet", await Page.InnerTextAsync("[data-testid=own-last-sign-in]"), StringComparison.Ordinal);
        await ScreenshotAsync("01-user-home");
        await Page.ClickAsync("[data-testid=set-up-2fa]");
        await Page.WaitForURLAsync("**/account/configure-2fa");
        AssertNoConsoleErrors();
    }

    private static async Task LoginAsync(IPage page, string email, bool expectSecondFactor = false)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        if (expectSecondFactor)
        {
            await page.WaitForURLAsync("**/Account/LoginWith2fa**");
            return;
        }
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>The wizard's steps through the same service the Account page uses: key, first code, recovery codes, on.</summary>
    private async Task EnrolAuthenticatorAsync(string email)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var twoFactor = scope.ServiceProvider.GetRequiredService<TwoFactorAccountService>();
        var user = (await users.FindByEmailAsync(email))!;
        var setup = await twoFactor.StartAuthenticatorAsync(user);
        var seed = Base32.Decode(setup.ManualEntryKey)!;
        var code = TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow));
        Assert.Equal(EnrollmentCodeResult.Confirmed, await twoFactor.ConfirmAuthenticatorAsync(user, code, null));
        Assert.NotNull(await twoFactor.CreateEnrollmentRecoveryCodesAsync(user));
        Assert.True(await twoFactor.CompleteEnrollmentAsync(user, null));
    }
}
