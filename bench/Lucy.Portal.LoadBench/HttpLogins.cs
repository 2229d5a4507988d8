using System.Diagnostics;
using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.LoadBench;

/// <summary>
/// Goal 1: whole logins over HTTP by N concurrent visitors, as a browser does them for a user of the built-in
/// authenticator (login form and token, password post, the prompt's plain code form, the code posted with it, which
/// signs in, the home page), against PBKDF2 verifications per second on the same cores in the same run. Each user logs
/// in once: a TOTP step is single-use. The interactive prompt (every other method) is measured by LivePrompts.
/// </summary>
internal static class HttpLogins
{
    private static readonly string[] PhaseNames = ["login form", "password post", "prompt page (code form)", "code post (check and sign-in)", "home page"];

    public static async Task RunAsync(BenchPortal portal, HttpClient http, int clients, TimeSpan duration, TimeSpan warmup)
    {
        var next = -1;
        int NextUser() => Interlocked.Increment(ref next);
        // Warm-up: the same concurrent logins, not counted, long enough for tiered compilation to finish on both sides.
        // A server is measured in its steady state: ten logins left the portal's JIT thread busy for a third of the
        // timed run (rejitting ReadyToRun and tier-0 code at tier 1), and that is start-up cost, not a login's.
        var warm = await VisitAsync(portal, http, clients, warmup, NextUser);

        // The floor is measured before and after the logins and averaged: on shared cores the load moves during a run,
        // and a floor taken at one end alone would flatter or wrong the ratio.
        var loadBefore = LoadAverage();
        var pbkdf2Before = Pbkdf2PerSecond(portal.PasswordCheck.Hasher, portal.PasswordCheck.Hash, TimeSpan.FromSeconds(5));
        var portalCpuBefore = portal.CpuTime();
        using var jitWatch = new JitThreadWatch(portal.ProcessId);
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var run = await VisitAsync(portal, http, clients, duration, NextUser);
        var phases = run.Phases;
        var latencies = run.Latencies;
        var failures = run.Failures;
        var firstFailure = run.FirstFailure;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var portalCpu = (portal.CpuTime() - portalCpuBefore).TotalMilliseconds;
        var jitCpu = jitWatch.CpuMs();
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientCpuBefore).TotalMilliseconds;

        var pbkdf2After = Pbkdf2PerSecond(portal.PasswordCheck.Hasher, portal.PasswordCheck.Hash, TimeSpan.FromSeconds(5));
        var pbkdf2 = (pbkdf2Before.PerSecond + pbkdf2After.PerSecond) / 2;
        var pbkdf2Cpu = (pbkdf2Before.CpuMs + pbkdf2After.CpuMs) / 2;

        var logins = latencies.Count;
        var perSecond = logins / elapsed;
        latencies.Sort();
        Console.WriteLine($"== 1. Login over HTTP: {clients} concurrent visitors, {logins} logins in {elapsed:0.0} s after {warm.Latencies.Count} warm-up logins in {warmup.TotalSeconds:0} s ({warm.Failures} failed), {failures} failed{(firstFailure is null ? "" : $" (first: {firstFailure})")}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"logins/s: {perSecond:0.0}   latency p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms");
        Console.WriteLine($"PBKDF2 verifications/s on all cores, same run ({portal.PasswordCheck.Hasher.GetType().Name}): {pbkdf2:0.0} (before {pbkdf2Before.PerSecond:0.0}, after {pbkdf2After.PerSecond:0.0}); load average {loadBefore} before, {LoadAverage()} after");
        Console.WriteLine($"FIGURE login-over-http: {perSecond:0.0} logins/s = {perSecond / pbkdf2:0.00} of the PBKDF2 floor {pbkdf2:0.0}/s (goal >= 0.85)");
        // CPU per login: what the cores were spent on, whatever else shares them. On a busy machine the wall-clock
        // ratio above mostly measures this process's share of the cores; the CPU ratio is what a quiet machine gives.
        var perLogin = Math.Max(1, logins);
        var loginCpu = (portalCpu + clientCpu) / perLogin;
        Console.WriteLine($"FIGURE login-over-http-cpu: one login costs {loginCpu:0.0} ms of CPU (portal {portalCpu / perLogin:0.0}, client {clientCpu / perLogin:0.0}), one PBKDF2 verification {pbkdf2Cpu:0.0} ms: " +
            $"{pbkdf2Cpu / loginCpu:0.00} of the floor by CPU ({pbkdf2Cpu / (portalCpu / perLogin):0.00} counting the portal alone)");
        Console.WriteLine($"CPU per login: portal {portalCpu / perLogin:0.0} ms (of which one PBKDF2 {pbkdf2Cpu:0.0} ms, the rest {portalCpu / perLogin - pbkdf2Cpu:0.0} ms), " +
            $"this client {clientCpu / perLogin:0.0} ms; {Environment.ProcessorCount} cores x {elapsed:0.0} s = {Environment.ProcessorCount * elapsed * 1000 / perLogin:0.0} ms of core time per login " +
            $"({100 * (portalCpu + clientCpu) / (Environment.ProcessorCount * elapsed * 1000):0} % of it used by portal and client, the rest by other processes or idle)");
        Console.WriteLine($"portal JIT thread (tiered compilation) during the timed logins: {jitCpu / perLogin:0.0} ms of CPU per login ({100 * jitCpu / Math.Max(1, portalCpu):0} % of the portal's CPU; near 0 in a steady state)");
        var total = phases.Sum();
        Console.WriteLine(clients == 1
            ? "where a login's time goes (one visitor: wall time, and the portal's CPU over each step):"
            : "where a login's time goes (share of all visitor time):");
        for (var p = 0; p < phases.Length; p++)
        {
            var cpu = clients == 1 ? $"  portal CPU {run.PortalCpu[p] / Math.Max(1, logins):0.0} ms" : "";
            Console.WriteLine($"  {PhaseNames[p],-40} {phases[p] / Math.Max(1, logins):0.0} ms  {100 * phases[p] / total:0}%{cpu}");
        }
    }

    private sealed record Visits(double[] Phases, double[] PortalCpu, List<double> Latencies, int Failures, string? FirstFailure);

    /// <summary>N visitors log in one after another, each a different user, until the time is up.</summary>
    private static async Task<Visits> VisitAsync(BenchPortal portal, HttpClient http, int clients, TimeSpan duration, Func<int> nextUser)
    {
        var phases = new double[PhaseNames.Length];
        var portalCpu = new double[PhaseNames.Length];
        var latencies = new List<double>();
        var failures = 0;
        string? firstFailure = null;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            // One visitor alone: the portal's CPU between two laps is that step's (10 ms ticks, averaged over every login).
            var mine = new PhaseClock(PhaseNames.Length, clients == 1 ? portal : null);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var index = nextUser();
                if (index >= portal.Users.Count)
                {
                    break;
                }
                var one = Stopwatch.GetTimestamp();
                try
                {
                    await LoginAsync(portal, http, portal.Users[index], mine);
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }
            }
            lock (phases)
            {
                for (var p = 0; p < phases.Length; p++)
                {
                    phases[p] += mine.Wall[p];
                    portalCpu[p] += mine.PortalCpu[p];
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new Visits(phases, portalCpu, latencies, failures, firstFailure);
    }

    private static async Task LoginAsync(BenchPortal portal, HttpClient http, BenchUser user, PhaseClock phases)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var visitor = new BrowserVisitor(http, portal.BaseAddress);
        phases.Start();
        var login = await visitor.GetPageAsync("Account/Login", timeout.Token);
        phases.Lap(0);
        await visitor.PostPasswordAsync(login, user.Email, BenchPortal.Password, timeout.Token);
        phases.Lap(1);
        var form = await visitor.GetCodeFormAsync(timeout.Token);
        phases.Lap(2);
        await visitor.PostCodeAsync(form, TotpAlgorithm.Compute(user.Seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow)), timeout.Token);
        phases.Lap(3);
        await visitor.GetPageAsync("", timeout.Token);
        phases.Lap(4);
    }

    /// <summary>Wall time per step of one visitor's logins and, when it is alone, the portal's CPU over each step.</summary>
    private sealed class PhaseClock(int count, BenchPortal? portal)
    {
        private long _since;
        private TimeSpan _cpuSince;

        public double[] Wall { get; } = new double[count];
        public double[] PortalCpu { get; } = new double[count];

        public void Start()
        {
            _since = Stopwatch.GetTimestamp();
            _cpuSince = portal?.CpuTime() ?? default;
        }

        public void Lap(int phase)
        {
            if (BenchPortal.PortalLog)
            {
                Console.Error.WriteLine($"== after {PhaseNames[phase]}");
            }
            var now = Stopwatch.GetTimestamp();
            Wall[phase] += Stopwatch.GetElapsedTime(_since, now).TotalMilliseconds;
            _since = now;
            if (portal is not null)
            {
                var cpu = portal.CpuTime();
                PortalCpu[phase] += (cpu - _cpuSince).TotalMilliseconds;
                _cpuSince = cpu;
            }
        }
    }

    private static (double PerSecond, double CpuMs) Pbkdf2PerSecond(IPasswordHasher<PortalUser> hasher, string hash, TimeSpan duration) =>
        Pbkdf2Floor.Measure(hasher, new PortalUser(), hash, BenchPortal.Password, duration);


    private static string LoadAverage() => ProcStat.LoadAverage();

    internal static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
