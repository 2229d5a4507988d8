using System.Globalization;
using System.Net;

namespace Lucy.Portal.LoadBench;

/// <summary>
/// Load figures of the built portal in a process of its own, driven over HTTP and the Blazor hub without a browser:
/// logins per second against the PBKDF2 floor, memory per live token prompt, and many prompts held open at once.
/// Usage: Lucy.Portal.LoadBench --portal path/to/Lucy.Portal.dll [--logins] [--prompts N [--heap]] [--clients N] [--seconds S] [--warmup S]
///        Lucy.Portal.LoadBench --stock URL --stock-pid PID [--clients N] [--seconds S] [--warmup S]   (bench/stock-login.sh)
/// </summary>
internal static class LoadBenchProgram
{
    public static async Task Main(string[] args)
    {
        var portalDll = Path.GetFullPath(Option(args, "--portal") ?? (args.Contains("--stock") ? "." : throw new ArgumentException("--portal <path to Lucy.Portal.dll> is required.")));
        var runLogins = args.Contains("--logins") || !args.Contains("--prompts");
        var prompts = args.Contains("--prompts") ? int.Parse(Option(args, "--prompts")!, CultureInfo.InvariantCulture) : 0;
        var clients = int.Parse(Option(args, "--clients") ?? "8", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        var warmup = int.Parse(Option(args, "--warmup") ?? "60", CultureInfo.InvariantCulture);
        // Enough users for every login (each logs in once) or every prompt.
        var users = Math.Max(runLogins ? (warmup + seconds) * 40 : 0, prompts + 3);

        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(120) };

        if (Option(args, "--stock") is { } stock)
        {
            // bench/stock-login.sh: the stock template is already running there (its process id follows).
            await StockTemplateLogins.RunAsync(new Uri(stock), int.Parse(Option(args, "--stock-pid")!, CultureInfo.InvariantCulture), http, clients,
                TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup));
            return;
        }

        Console.Error.WriteLine($"seeding {users} users ...");
        await using var portal = await BenchPortal.StartAsync(portalDll, users);
        Console.Error.WriteLine($"portal up at {portal.BaseAddress} (pid {portal.ProcessId})");
        if (runLogins)
        {
            await HttpLogins.RunAsync(portal, http, clients, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup));
        }
        if (prompts > 0)
        {
            await using var fresh = runLogins ? await BenchPortal.StartAsync(portalDll, prompts + 3) : null;
            // --heap: the portal's live managed heap before and after (needs dotnet-gcdump, see ManagedHeap).
            var gcdump = args.Contains("--heap") ? ManagedHeap.Tool() : null;
            if (args.Contains("--heap") && gcdump is null)
            {
                Console.Error.WriteLine("--heap: dotnet-gcdump not found (LUCY_GCDUMP, PATH or ~/.dotnet/tools); the managed heap figure is left out.");
            }
            await LivePrompts.RunAsync(fresh ?? portal, http, prompts, submissions: Math.Min(200, prompts), openers: clients, gcdump);
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : null;
    }
}
