using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>An administrator sets the Authy key in a real browser, against the fake Authy server on loopback.</summary>
public class AdvancedSettingsJourneyTests : BrowserTest
{
    private const string WrongKey = "WrongKeyAbCdEfGh0123456789xyzQRS";
    private const string AppName = "Harbour Lights Awareness";

    private FakeAuthyServer _authy = default!;

    public override async Task InitializeAsync()
    {
        _authy = await FakeAuthyServer.StartAsync();
        _authy.AppName = AppName;
        _authy.PhoneCallsEnabled = false;
        Portal.UseFakeAuthy(_authy);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _authy.DisposeAsync();
    }

    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    [Fact]
    public async Task Administrator_is_refused_a_wrong_key_then_saves_the_right_one_and_sees_the_authy_application()
    {
        await Portal.SeedAccountsAsync();
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", PortalFactory.AdminEmail);
        await Page.FillAsync("#Input\\.Password", PortalFactory.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await WaitForCircuitAsync();

        await Page.ClickAsync(".mud-drawer >> text=Advanced Settings");
        await Page.WaitForURLAsync("**/system/advanced-settings");
        Assert.Contains("no login information leaves this system", await Page.InnerTextAsync("[data-testid=settings-private-default]"));
        await ScreenshotAsync("01-private-default");

        await Page.FillAsync(Input("settings-key-input"), WrongKey);
        await Page.ClickAsync("[data-testid=settings-key-save]");
        var refusal = await Page.WaitForSelectorAsync("[data-testid=settings-key-error]");
        Assert.Contains("Authy refused this key", await refusal!.InnerTextAsync());
        Assert.True(await Page.IsVisibleAsync("[data-testid=settings-private-default]"));
        await ScreenshotAsync("02-wrong-key-refused");

        await Page.FillAsync(Input("settings-key-input"), FakeAuthyServer.DefaultApiKey);
        await Page.ClickAsync("[data-testid=settings-key-save]");
        var appName = await Page.WaitForSelectorAsync("[data-testid=settings-key-app-name]");
        Assert.Equal(AppName, await appName!.InnerTextAsync());
        var result = await Page.InnerTextAsync("[data-testid=settings-key-result]");
        Assert.Contains("SMS: enabled", result);
        Assert.Contains("Voice: disabled", result);
        Assert.Equal(SecretMask.LastFour(FakeAuthyServer.DefaultApiKey), await Page.InnerTextAsync("[data-testid=settings-key-masked]"));
        Assert.Contains("is sent to Authy", await Page.InnerTextAsync("[data-testid=settings-key-configured]"));
        Assert.Equal("", await Page.InputValueAsync(Input("settings-key-input")));
        Assert.False(await Page.IsVisibleAsync("[data-testid=settings-2fa] .mud-input-error"), "The emptied key field shows an error after a successful save.");
        Assert.DoesNotContain(FakeAuthyServer.DefaultApiKey, await Page.ContentAsync());
        await ScreenshotAsync("03-key-saved");

        await Page.FillAsync(Input("settings-lockout-attempts"), "101");
        await Page.ClickAsync("[data-testid=settings-lockout-save]");
        await Page.WaitForSelectorAsync("[data-testid=settings-lockout] >> text=Enter 1 to 100 attempts.");
        Assert.False(await Page.IsVisibleAsync("[data-testid=settings-lockout-save-done]"));
        await ScreenshotAsync("04-lockout-out-of-range");

        AssertNoConsoleErrors();
    }
}
