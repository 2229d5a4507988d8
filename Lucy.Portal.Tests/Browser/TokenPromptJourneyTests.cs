using System.Diagnostics;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>The live token prompt in a real browser: built-in authenticator (code from oathtool) and Authy SMS.</summary>
public class TokenPromptJourneyTests : BrowserTest
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

    private async Task PasswordStepAsync()
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await Page.WaitForSelectorAsync("[data-testid=prompt-user]");
    }

    private static async Task<string> OathtoolAsync(string base32Key)
    {
        using var process = Process.Start(new ProcessStartInfo("oathtool", ["--totp", "-b", base32Key]) { RedirectStandardOutput = true })!;
        var code = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return code;
    }

    /// <summary>The user with the built-in authenticator alone (no recovery codes); returns its Base32 key.</summary>
    private async Task<string> EnrollAuthenticatorOnlyAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        var enrollment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>();
        var key = (await enrollment.StartAsync(user)).ManualEntryKey.Replace(" ", "", StringComparison.Ordinal);
        // Confirm with the previous step's code, so the current one is still unused for the login.
        var previous = TotpAlgorithm.Compute(Base32.Decode(key)!, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow) - 1);
        Assert.Equal(AuthenticatorConfirmation.Confirmed, await enrollment.ConfirmAsync(user, previous));
        await users.SetTwoFactorEnabledAsync(user, true);
        return key;
    }

    [Fact]
    public async Task Built_in_authenticator_code_from_oathtool_signs_in_and_a_wrong_one_is_explained()
    {
        var key = await EnrollAuthenticatorOnlyAsync();

        await PasswordStepAsync();
        // A first method whose code an app shows gets the plain form: no live connection to wait for.
        await Page.WaitForSelectorAsync("[data-testid=app-code-form]");
        Assert.Equal(0, await Page.Locator("[data-interactive=true]").CountAsync());
        await ScreenshotAsync("01-prompt");

        await Page.FillAsync("input[data-testid=authenticator-code]", "000000");
        await Page.ClickAsync("[data-testid=authenticator-code-submit]");
        await Page.WaitForSelectorAsync("[data-testid=prompt-error]");
        Assert.Contains("not correct", await Page.InnerTextAsync("[data-testid=prompt-error]"));
        await ScreenshotAsync("02-wrong-code");

        await Page.FillAsync("input[data-testid=authenticator-code]", await OathtoolAsync(key));
        await Page.ClickAsync("[data-testid=authenticator-code-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));
        await ScreenshotAsync("03-signed-in");
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_double_click_on_verify_posts_the_code_once_and_signs_in()
    {
        var key = await EnrollAuthenticatorOnlyAsync();
        var posts = 0;
        Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && new Uri(request.Url).AbsolutePath == "/Account/LoginWith2fa")
            {
                Interlocked.Increment(ref posts);
            }
        };

        await PasswordStepAsync();
        await Page.FillAsync("input[data-testid=authenticator-code]", await OathtoolAsync(key));
        // An impatient user: a second click while the first post is on its way would abort it and post the used code again.
        await Page.EvaluateAsync("() => { const verify = document.querySelector('[data-testid=authenticator-code-submit]'); verify.click(); setTimeout(() => verify.click(), 20); }");

        // Whatever navigation the second click started is let finish before looking where the user ended up.
        await Page.WaitForSelectorAsync("[data-testid=signed-in-user], [data-testid=prompt-error], [data-testid=prompt-expired], #Input\\.Email");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(new Uri(Page.Url).AbsolutePath == "/", $"Ended on {Page.Url}: {await Page.InnerTextAsync("body")}");
        Assert.Equal(1, posts);
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));
    }

    [Fact]
    public async Task Authy_sms_code_from_the_outbox_signs_in()
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

        await PasswordStepAsync();
        await WaitForCircuitAsync();
        await ScreenshotAsync("01-authy-prompt");

        await Page.ClickAsync("[data-testid=send-sms]");
        await Page.WaitForSelectorAsync("[data-testid=delivery-message]");
        Assert.Contains("+41 •••• ••67", await Page.InnerTextAsync("[data-testid=delivery-message]"));
        Assert.True(await Page.IsDisabledAsync("[data-testid=send-sms]"));
        Assert.Matches(@"(?i)Send SMS \(\d+ s\)", await Page.InnerTextAsync("[data-testid=send-sms]"));
        await ScreenshotAsync("02-sms-sent");
        var sms = Assert.Single(_authy.Outbox);
        Assert.True(sms.Forced);

        await Page.FillAsync("input[data-testid=authy-code]", sms.Code);
        await Page.ClickAsync("[data-testid=authy-code-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        await ScreenshotAsync("03-signed-in");
        AssertNoConsoleErrors();
    }

    /// <summary>
    /// A user with every method: built-in authenticator, Authy (SMS, call, OneTouch) and recovery codes. The authenticator
    /// was confirmed with the previous step's code, so the current one is still unused; its key is returned.
    /// </summary>
    private async Task<string> EnrollInEveryMethodAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AuthyKeySettings>()
            .SetKeyAsync(FakeAuthyServer.DefaultApiKey, new SettingsActor("test", PortalFactory.AdminEmail));
        Assert.True(saved.Succeeded, saved.Message);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        var enrollment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>();
        var setup = await enrollment.StartAsync(user);
        var key = setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal);
        var seed = Base32.Decode(key)!;
        Assert.Equal(AuthenticatorConfirmation.Confirmed,
            await enrollment.ConfirmAsync(user, TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow) - 1)));
        user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        user.AuthyId = _authy.SeedUser(PortalFactory.UserEmail, "41", "791234567", hasApp: true, confirmed: true).Id;
        user.PhoneNumber = "+41791234567";
        user.PhoneCountryCode = 41;
        user.TwoFactorEnabled = true;
        await users.UpdateAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        return key;
    }

    [Fact]
    public async Task A_user_with_an_authenticator_app_and_authy_signs_in_with_either()
    {
        var key = await EnrollInEveryMethodAsync();

        await PasswordStepAsync();
        await OtherWaysToSignInAsync();
        await ChooseAsync("tab-authy", "input[data-testid=authy-code]");
        await Page.ClickAsync("[data-testid=send-sms]");
        await Page.WaitForSelectorAsync("[data-testid=delivery-message]");
        await Page.FillAsync("input[data-testid=authy-code]", Assert.Single(_authy.Outbox).Code);
        await Page.ClickAsync("[data-testid=authy-code-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));

        await Page.ClickAsync("[data-testid=logout]");
        await Page.WaitForURLAsync("**/Account/Login");
        await PasswordStepAsync();
        // The default method (the authenticator) is the plain form, with the way to the others beside it.
        await Page.WaitForSelectorAsync("[data-testid=prompt-other-ways]");
        await ScreenshotAsync("either-plain-form");
        await Page.FillAsync("input[data-testid=authenticator-code]", await OathtoolAsync(key));
        await Page.ClickAsync("[data-testid=authenticator-code-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.UserEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));
        await ScreenshotAsync("either-factor-signed-in");
        AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(390, 844, "phone")]
    public async Task Every_method_of_the_prompt_is_visible_and_clickable_without_scrolling(int width, int height, string name)
    {
        await EnrollInEveryMethodAsync();
        await Page.SetViewportSizeAsync(width, height);
        await PasswordStepAsync();
        await OtherWaysToSignInAsync();

        var methods = Page.Locator("[data-testid=prompt-methods]");
        Assert.Equal(
            ["Authenticator app", "Authy", "OneTouch", "Recovery code"],
            (await methods.Locator("[role=tab]").AllTextContentsAsync()).Select(text => text.Trim()));
        await AssertEveryMethodInsideTheCardAsync();
        await ScreenshotAsync($"methods-{name}");

        // Playwright's click fails when another element (a scroll arrow) would receive it: that is the check.
        await ChooseAsync("tab-authenticator", "input[data-testid=authenticator-code]");
        await ChooseAsync("tab-authy", "input[data-testid=authy-code]");
        await ChooseAsync("tab-onetouch", "[data-testid=onetouch-send]");
        await Page.ClickAsync("[data-testid=onetouch-send]");
        await Page.WaitForSelectorAsync("[data-testid=onetouch-pending]");
        await AssertEveryMethodInsideTheCardAsync();
        await ChooseAsync("tab-authy", "input[data-testid=authy-code]");
        await ChooseAsync("tab-recovery", "input[data-testid=recovery-code]");
        await AssertEveryMethodInsideTheCardAsync();
        await ChooseAsync("tab-authenticator", "input[data-testid=authenticator-code]");
        AssertNoConsoleErrors();
    }

    private async Task ChooseAsync(string method, string panelContent)
    {
        await Page.ClickAsync($"[data-testid={method}]", new PageClickOptions { Timeout = 5_000 });
        await Page.WaitForSelectorAsync(panelContent, new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible, Timeout = 5_000 });
        Assert.Equal("true", await Page.GetAttributeAsync($"[data-testid={method}]", "aria-selected"));
    }

    /// <summary>Each method's button lies wholly inside the card and the viewport: nothing hidden behind a scroll.</summary>
    private async Task AssertEveryMethodInsideTheCardAsync()
    {
        var card = (await Page.Locator(".lucy-account-card").BoundingBoxAsync())!;
        var viewport = Page.ViewportSize!;
        foreach (var tab in await Page.Locator("[data-testid=prompt-methods] [role=tab]").AllAsync())
        {
            var box = (await tab.BoundingBoxAsync())!;
            Assert.True(box.X >= card.X && box.X + box.Width <= card.X + card.Width, $"{await tab.InnerTextAsync()} leaves the card.");
            Assert.True(box.X >= 0 && box.X + box.Width <= viewport.Width, $"{await tab.InnerTextAsync()} leaves the screen.");
        }
        Assert.True(await Page.EvalOnSelectorAsync<bool>("[data-testid=prompt-methods]", "e => e.scrollWidth <= e.clientWidth"));
    }
}
