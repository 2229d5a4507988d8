using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.LoadBench;

/// <summary>
/// The yardstick for goal 1: the stock Blazor Web App template with Individual accounts (`dotnet new blazor --auth
/// Individual`, published like the portal, bench/stock-login.sh) signing users in with a password alone, the same
/// way (login form and token, password post, the home page), against the same PBKDF2 floor (Identity's V3 hasher
/// with its default options, as the template and the portal both use). What this reaches is what ASP.NET Core,
/// Identity and EF Core on SQLite leave of the floor on this machine before any second factor.
/// </summary>
internal static partial class StockTemplateLogins
{
    private const string Password = "Correct-Horse-Battery-9";

    public static async Task RunAsync(Uri baseAddress, int processId, HttpClient http, int clients, TimeSpan duration, TimeSpan warmup)
    {
        var users = new List<string>();
        for (var i = 0; i < clients; i++)
        {
            var email = $"stock{i}-{Guid.NewGuid():N}@bench.test";
            await RegisterAsync(baseAddress, http, email);
            users.Add(email);
        }

        await VisitAsync(baseAddress, http, users, warmup);
        var hasher = new PasswordHasher<object>();
        var hash = hasher.HashPassword(new object(), Password);
        var pbkdf2Before = Pbkdf2PerSecond(hasher, hash, TimeSpan.FromSeconds(5));
        var cpuBefore = ProcessCpuMs(processId);
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        var started = Stopwatch.GetTimestamp();
        var (logins, failures, firstFailure) = await VisitAsync(baseAddress, http, users, duration);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var serverCpu = (ProcessCpuMs(processId) - cpuBefore) / Math.Max(1, logins);
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - clientCpuBefore) / Math.Max(1, logins);
        var pbkdf2After = Pbkdf2PerSecond(hasher, hash, TimeSpan.FromSeconds(5));
        var pbkdf2 = (pbkdf2Before.PerSecond + pbkdf2After.PerSecond) / 2;
        var pbkdf2Cpu = (pbkdf2Before.CpuMs + pbkdf2After.CpuMs) / 2;
        var perSecond = logins / elapsed;
        Console.WriteLine($"== 1b. Stock template, password-only login over HTTP: {clients} concurrent visitors, {logins} logins in {elapsed:0.0} s after {warmup.TotalSeconds:0} s of warm-up, {failures} failed{(firstFailure is null ? "" : $" (first: {firstFailure})")}");
        Console.WriteLine($"FIGURE stock-login-over-http: {perSecond:0.0} logins/s = {perSecond / pbkdf2:0.00} of the PBKDF2 floor {pbkdf2:0.0}/s");
        Console.WriteLine($"FIGURE stock-login-over-http-cpu: one login costs {serverCpu + clientCpu:0.0} ms of CPU (server {serverCpu:0.0}, client {clientCpu:0.0}), one PBKDF2 verification {pbkdf2Cpu:0.0} ms: " +
            $"{pbkdf2Cpu / (serverCpu + clientCpu):0.00} of the floor by CPU ({pbkdf2Cpu / serverCpu:0.00} counting the server alone)");
    }

    private static async Task<(int Logins, int Failures, string? FirstFailure)> VisitAsync(Uri baseAddress, HttpClient http, List<string> users, TimeSpan duration)
    {
        var logins = 0;
        var failures = 0;
        string? firstFailure = null;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(users.Select(email => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                try
                {
                    await LoginAsync(baseAddress, http, email);
                    Interlocked.Increment(ref logins);
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }
            }
        })));
        return (logins, failures, firstFailure);
    }

    /// <summary>One login as a browser makes it: the form, the password post, the page it leads to.</summary>
    private static async Task LoginAsync(Uri baseAddress, HttpClient http, string email)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var visitor = new BrowserVisitor(http, baseAddress);
        var form = await visitor.GetPageAsync("Account/Login", timeout.Token);
        using var post = await visitor.SendAsync(HttpMethod.Post, "Account/Login", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserVisitor.AntiforgeryToken(form),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }, timeout.Token);
        visitor.ExpectRedirect(post, "/");
        var home = await visitor.GetPageAsync("", timeout.Token);
        if (!home.Contains("Logout", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The home page does not show a signed-in user.");
        }
    }

    /// <summary>Registers through the template's own pages and follows the confirmation link it shows (no e-mail sender).</summary>
    private static async Task RegisterAsync(Uri baseAddress, HttpClient http, string email)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var visitor = new BrowserVisitor(http, baseAddress);
        var form = await visitor.GetPageAsync("Account/Register", timeout.Token);
        using var post = await visitor.SendAsync(HttpMethod.Post, "Account/Register", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserVisitor.AntiforgeryToken(form),
            ["_handler"] = "register",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        }, timeout.Token);
        visitor.ExpectRedirect(post, "/Account/RegisterConfirmation");
        var confirmation = await visitor.GetPageAsync(post.Headers.Location!.OriginalString.TrimStart('/'), timeout.Token);
        var link = ConfirmLink().Match(confirmation) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The registration page shows no confirmation link.");
        var confirmed = await visitor.GetPageAsync(new Uri(link).PathAndQuery.TrimStart('/'), timeout.Token);
        if (!confirmed.Contains("Thank you for confirming", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The account was not confirmed.");
        }
    }

    private static (double PerSecond, double CpuMs) Pbkdf2PerSecond(PasswordHasher<object> hasher, string hash, TimeSpan duration) =>
        Pbkdf2Floor.Measure(hasher, new object(), hash, Password, duration);

    private static double ProcessCpuMs(int processId) => ProcStat.CpuTime($"/proc/{processId}/stat").TotalMilliseconds;

    [GeneratedRegex("href=\"([^\"]*ConfirmEmail[^\"]*)\"")]
    private static partial Regex ConfirmLink();
}
