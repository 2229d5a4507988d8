using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>
/// A test class that owns a fresh portal on loopback and a Chromium page, keeps screenshots
/// of each step in the test output folder, and fails on any browser console error.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private readonly List<string> _consoleErrors = [];

    protected KestrelPortal Portal { get; } = new();
    protected IBrowser Browser { get; private set; } = default!;
    protected IPage Page { get; private set; } = default!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public virtual async Task InitializeAsync()
    {
        Portal.Start();
        (_playwright, Browser) = await Chromium.LaunchAsync();
        Page = await NewPageAsync();
    }

    /// <param name="locale">The browser's language (navigator.language and Accept-Language), e.g. "de-CH"; the system's when null.</param>
    protected async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        return page;
    }

    /// <summary>Replaces the test's page with one in a browser set to the given language.</summary>
    protected async Task UseBrowserLanguageAsync(string locale)
    {
        await Page.Context.CloseAsync();
        Page = await NewPageAsync(locale);
    }

    /// <summary>Fills and posts the login form; the caller waits for where it leads.</summary>
    protected async Task SubmitLoginAsync(string email, string password = PortalFactory.Password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#Input\\.Email", email);
        await Page.FillAsync("#Input\\.Password", password);
        await Page.ClickAsync("[data-testid=login-submit]");
    }

    protected async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{GetType().Name}-{name}.png"), FullPage = true });
    }

    /// <summary>Waits until the interactive circuit is up, so clicks reach Blazor handlers.</summary>
    protected Task WaitForCircuitAsync(IPage? page = null) =>
        (page ?? Page).WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>From the plain code form an authenticator user is offered first to the interactive prompt with every method.</summary>
    protected async Task OtherWaysToSignInAsync(IPage? page = null)
    {
        page ??= Page;
        await page.ClickAsync("[data-testid=prompt-other-ways]");
        await page.WaitForURLAsync("**/Account/LoginWith2fa?methods=all**");
        await WaitForCircuitAsync(page);
    }

    protected void AssertNoConsoleErrors() =>
        Assert.True(_consoleErrors.Count == 0, "Browser console errors: " + string.Join(" | ", _consoleErrors));

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}
