using Microsoft.Playwright;

namespace Lucy.Portal.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright; nothing is downloaded.</summary>
public static class Chromium
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("LUCY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        // A missing browser is a failure, never a skip: the journey must be proven in CI.
        Assert.True(File.Exists(ExecutablePath), $"Chromium not found at {ExecutablePath}: install it (apt-get install -y chromium) or set LUCY_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
        });
        return (playwright, browser);
    }
}
