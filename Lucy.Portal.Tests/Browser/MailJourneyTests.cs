using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Lucy.Portal.Tests.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>
/// Mail in a real browser, against a real SMTP server that speaks STARTTLS with a self-signed certificate the portal
/// pins (Mail:PinnedCertificateSha256): the Mail card, and the whole forgotten-password journey.
/// </summary>
public class MailJourneyTests : BrowserTest
{
    private const string NewPassword = "my new passphrase from the mail";
    private readonly FakeSmtpServer _smtp = new(FakeSmtpSecurity.StartTls);

    /// <summary>Where the closing note's artifacts go (the worktree's artifacts/ folder).</summary>
    private static string ArtifactFolder => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "artifacts"));

    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    public override async Task InitializeAsync()
    {
        Portal.Settings["Mail:PinnedCertificateSha256"] = _smtp.CertificateSha256;
        await _smtp.StartAsync();
        await base.InitializeAsync();
        await Portal.SeedAccountsAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Administrator_sets_up_mail_on_its_card_and_sees_the_servers_answer_to_a_test_mail()
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Page.GotoAsync("/system/advanced-settings");
        await WaitForCircuitAsync();
        await Page.WaitForSelectorAsync("[data-testid=settings-mail-off]");

        await Page.FillAsync(Input("settings-mail-host"), "127.0.0.1");
        await Page.FillAsync(Input("settings-mail-port"), _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.FillAsync(Input("settings-mail-username"), FakeSmtpServer.UserName);
        await Page.FillAsync(Input("settings-mail-password"), FakeSmtpServer.Password);
        await Page.FillAsync(Input("settings-mail-sender"), "portal@lucy.test");
        await Page.ClickAsync("[data-testid=settings-mail-save]");
        await Page.WaitForSelectorAsync("[data-testid=settings-mail-save-done]");
        await Page.FillAsync(Input("settings-mail-test-to"), PortalFactory.AdminEmail);
        await Page.ClickAsync("[data-testid=settings-mail-test]");
        var answer = await Page.WaitForSelectorAsync("[data-testid=settings-mail-test-result]");

        Assert.Contains("The server accepted the test mail", await answer!.InnerTextAsync());
        Assert.Equal("Lucy Portal: test mail", (await _smtp.WaitForMessageToAsync(PortalFactory.AdminEmail)).Subject);
        Assert.Contains((FakeSmtpServer.UserName, FakeSmtpServer.Password), _smtp.Logins);
        // The stored password never comes back to the page; only that one is set.
        Assert.Equal("", await Page.InputValueAsync(Input("settings-mail-password")));
        Assert.DoesNotContain(FakeSmtpServer.Password, await Page.ContentAsync());
        await ScreenshotAsync("01-mail-card");
        Directory.CreateDirectory(ArtifactFolder);
        // The app bar is fixed at the top and would cover the card's title.
        await Page.EvaluateAsync("document.querySelector('.mud-appbar').style.visibility = 'hidden'");
        await Page.Locator("[data-testid=settings-mail]").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ArtifactFolder, "mail-settings-card.png") });
        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_user_with_2fa_resets_a_forgotten_password_from_the_mailed_link_and_still_meets_the_token_prompt()
    {
        await EnrollUserInAuthenticatorAsync();
        var saved = await Portal.Services.GetRequiredService<MailSettings>().SaveAsync(
            new MailSettingsForm("127.0.0.1", _smtp.Port, MailSecurity.StartTls, null, "portal@lucy.test"), new SettingsActor(null, PortalFactory.AdminEmail));
        Assert.True(saved.Succeeded);

        await Page.GotoAsync("/Account/Login");
        await Page.ClickAsync("[data-testid=forgot-password-link]");
        await Page.WaitForURLAsync("**/Account/ForgotPassword");
        // Enhanced navigation: the login form (same field id) may still be on screen for a moment.
        await Page.WaitForSelectorAsync("[data-testid=forgot-form]");
        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.ClickAsync("[data-testid=forgot-submit]");
        await Page.WaitForSelectorAsync("[data-testid=forgot-sent]");
        await ScreenshotAsync("02-link-requested");

        var mail = await _smtp.WaitForMessageToAsync(PortalFactory.UserEmail);
        await Page.GotoAsync(MailLinks.PathTo(mail, "/Account/ResetPassword").TrimStart('/'));
        await Page.FillAsync("#Input\\.NewPassword", NewPassword);
        await Page.FillAsync("#Input\\.ConfirmPassword", NewPassword);
        await ScreenshotAsync("03-new-password");
        await Page.ClickAsync("[data-testid=set-password-submit]");
        await Page.WaitForURLAsync("**/Account/Login");
        await Page.WaitForSelectorAsync("[data-testid=login-form]");
        Assert.Contains("Log in with it and your second factor", await Page.InnerTextAsync("[data-testid=status-message]"));
        await ScreenshotAsync("04-back-at-login");

        await Page.FillAsync("#Input\\.Email", PortalFactory.UserEmail);
        await Page.FillAsync("#Input\\.Password", NewPassword);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync("**/Account/LoginWith2fa**");
        await Page.WaitForSelectorAsync("[data-testid=prompt-user]");
        await ScreenshotAsync("05-token-prompt");

        var notice = await _smtp.WaitForMessageToAsync(PortalFactory.UserEmail, 2);
        Assert.Equal("Lucy Portal: your password changed", notice.Subject);
        Directory.CreateDirectory(ArtifactFolder);
        await File.WriteAllTextAsync(Path.Combine(ArtifactFolder, "notice-password-changed.txt"),
            $"From: {notice.From}\nTo: {notice.To}\nSubject: {notice.Subject}\n\n{notice.TextBody}");
        AssertNoConsoleErrors();
    }

    private async Task EnrollUserInAuthenticatorAsync()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        var enrollment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>();
        var setup = await enrollment.StartAsync(user);
        var seed = Base32.Decode(setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal))!;
        Assert.Equal(AuthenticatorConfirmation.Confirmed,
            await enrollment.ConfirmAsync(user, TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow))));
        user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        await users.SetTwoFactorEnabledAsync(user, true);
    }
}
