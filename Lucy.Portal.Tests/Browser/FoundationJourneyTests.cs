using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

public class FoundationJourneyTests : BrowserTest
{
    [Fact]
    public async Task First_run_setup_then_login_admin_menu_logout_and_wrong_password()
    {
        await Page.GotoAsync("/");
        await Page.WaitForURLAsync("**/setup");
        await ScreenshotAsync("01-setup");

        await Page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.FillAsync("#Input\\.ConfirmPassword", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=setup-submit]");
        await Page.WaitForURLAsync("**/Account/Login");
        Assert.Contains("administrator was created", await Page.InnerTextAsync("[data-testid=status-message]"));
        await ScreenshotAsync("02-login");

        await Page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();
        Assert.Equal(PortalFactory.AdminEmail, await Page.InnerTextAsync("[data-testid=signed-in-user]"));
        var menu = await Page.InnerTextAsync(".mud-drawer");
        Assert.Contains("Advanced Settings", menu);
        Assert.Contains("Users", menu);
        Assert.Contains("Account", menu);
        await ScreenshotAsync("03-home-administrator");

        await Page.ClickAsync("text=Advanced Settings");
        await Page.WaitForURLAsync("**/system/advanced-settings");
        await Page.WaitForSelectorAsync("[data-testid=settings-private-default]");
        await ScreenshotAsync("04-advanced-settings");

        await Page.ClickAsync(".mud-drawer >> text=Audit Log");
        await Page.WaitForURLAsync("**/system/audit-log");
        await Page.WaitForSelectorAsync("[data-testid=audit-table] >> text=account.first-administrator-created");
        await ScreenshotAsync("04b-audit-log");

        await Page.ClickAsync("[data-testid=logout]");
        await Page.WaitForURLAsync("**/Account/Login");
        await ScreenshotAsync("05-logged-out");

        await Page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await Page.FillAsync("#Input\\.Password", "this is not the password");
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForSelectorAsync("text=Wrong email or password.");
        await ScreenshotAsync("06-wrong-password");

        AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Administrator_adds_a_user_who_must_change_the_password_at_first_login()
    {
        await Portal.SeedAccountsAsync();
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Page.GotoAsync("/users");
        await WaitForCircuitAsync();
        await Page.WaitForSelectorAsync("text=" + PortalFactory.UserEmail);

        await Page.ClickAsync("[data-testid=add-user]");
        await Page.FillAsync("input[data-testid=new-user-email], [data-testid=new-user-email] input", "operator@lucy.test");
        await Page.FillAsync("input[data-testid=new-user-password], [data-testid=new-user-password] input", "short");
        await Page.ClickAsync("[data-testid=new-user-save]");
        await Page.WaitForSelectorAsync("text=at least 12 characters");
        Assert.DoesNotContain("at least 8", await Page.InnerTextAsync(".mud-dialog"), StringComparison.Ordinal);
        await ScreenshotAsync("01-add-user-too-short");

        await Page.FillAsync("input[data-testid=new-user-password], [data-testid=new-user-password] input", "initial passphrase 2026");
        await Page.ClickAsync("[data-testid=new-user-save]");
        await Page.WaitForSelectorAsync("td:has-text('operator@lucy.test')");
        Assert.Contains("Must change password", await Page.InnerTextAsync("[data-testid=users-table]"));
        await ScreenshotAsync("02-user-added");

        var operatorPage = await NewPageAsync();
        await operatorPage.GotoAsync("/Account/Login");
        await operatorPage.FillAsync("#Input\\.Email", "operator@lucy.test");
        await operatorPage.FillAsync("#Input\\.Password", "initial passphrase 2026");
        await operatorPage.ClickAsync("[data-testid=login-submit]");
        await operatorPage.WaitForURLAsync("**/Account/ChangePassword");
        Assert.True(await operatorPage.IsVisibleAsync("[data-testid=must-change]"));
        await operatorPage.ClickAsync("[data-testid=logout]");
        await operatorPage.WaitForURLAsync("**/Account/Login");

        // Written from the administrator's circuit and from the operator's plain request: both with email and address.
        var rows = await Portal.Services.GetRequiredService<AuditLog>().RecentAsync(50);
        var created = rows.First(r => r.Event == AuditEvents.UserCreated && r.Detail!.StartsWith("operator@lucy.test", StringComparison.Ordinal));
        Assert.Equal((PortalFactory.AdminEmail, "127.0.0.1"), (created.ActorEmail, created.IpAddress));
        var loggedOut = rows.First(r => r.Event == AuditEvents.Logout);
        Assert.Equal(("operator@lucy.test", "127.0.0.1"), (loggedOut.ActorEmail, loggedOut.IpAddress));

        AssertNoConsoleErrors();
    }
}
