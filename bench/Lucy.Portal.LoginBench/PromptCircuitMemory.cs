using Microsoft.Playwright;

namespace Lucy.Portal.LoginBench;

/// <summary>
/// Server memory of live token-prompt circuits: K browser contexts each pass the password step and wait on the
/// interactive prompt; the portal's managed heap is compared with the same K pages parked on the static login page.
/// </summary>
internal static class PromptCircuitMemory
{
    private const int Circuits = 20;
    private const int WarmupCircuits = 3;

    private static readonly string[] ChromiumFlags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task RunAsync()
    {
        await using var portal = new BenchPortal();
        portal.Start();
        await BenchAccounts.SeedAsync(portal.Services, TimeProvider.System);
        Log("portal up and seeded");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("LUCY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });

        // First circuits pay for JIT, component metadata and caches; they stay open and count in the baseline.
        for (var i = 0; i < WarmupCircuits; i++)
        {
            await PasswordStepAsync(await OpenLoginPageAsync(browser, portal.BaseAddress));
        }
        await WaitForCircuitsAsync(portal, WarmupCircuits);

        Log("warm-up done");
        var beforePages = ManagedHeap();
        var pages = new List<IPage>();
        for (var i = 0; i < Circuits; i++)
        {
            pages.Add(await OpenLoginPageAsync(browser, portal.BaseAddress));
        }
        var atLogin = ManagedHeap();
        Log("login pages open");
        var circuitsAtLogin = portal.Circuits.Open;

        foreach (var page in pages)
        {
            await PasswordStepAsync(page);
        }
        await WaitForCircuitsAsync(portal, WarmupCircuits + Circuits);
        var atPrompt = ManagedHeap();
        Log("prompts open");

        Console.WriteLine($"Token-prompt circuits: {Circuits} browser contexts after {WarmupCircuits} warm-up circuits, portal in this process, {Environment.ProcessorCount} cores");
        Console.WriteLine($"managed heap growth per page opened on the static login page (no circuit; mostly Playwright's objects in this process): {(atLogin - beforePages) / (double)Circuits / 1024.0:N1} KiB");
        Console.WriteLine($"managed heap, {Circuits} pages on the static login page ({circuitsAtLogin} circuits open): {atLogin / 1024.0:N0} KiB");
        Console.WriteLine($"managed heap, {Circuits} pages on the live token prompt ({portal.Circuits.Open} circuits open): {atPrompt / 1024.0:N0} KiB");
        Console.WriteLine($"managed heap per live token-prompt circuit: {(atPrompt - atLogin) / (double)Circuits / 1024.0:N1} KiB ({(atPrompt - atLogin) / Circuits:N0} bytes)");
    }

    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    private static void Log(string step) => Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds:0.0} s] {step}");

    private static async Task<IPage> OpenLoginPageAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        return page;
    }

    private static async Task PasswordStepAsync(IPage page)
    {
        await page.FillAsync("#Input\\.Email", BenchAccounts.UserEmail);
        await page.FillAsync("#Input\\.Password", BenchAccounts.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync("**/Account/LoginWith2fa**");
        // An authenticator user is first offered the plain code form; the live prompt is "other ways to sign in".
        await page.GotoAsync("/Account/LoginWith2fa?methods=all");
        await page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("input[data-testid=authenticator-code]");
    }

    private static async Task WaitForCircuitsAsync(BenchPortal portal, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (portal.Circuits.Open < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Only {portal.Circuits.Open} of {expected} circuits opened.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Live managed bytes after full, compacting collections.</summary>
    private static long ManagedHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
