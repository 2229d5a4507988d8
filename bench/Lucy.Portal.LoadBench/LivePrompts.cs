using System.Diagnostics;
using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.LoadBench;

/// <summary>
/// Goals 2 and 3: N token prompts held open at once (each one a visitor past the password step with a live circuit),
/// the portal process's resident memory before and after, and the round trip of code submissions (type, click,
/// grant rendered) made by a sample of those prompts while all of them stay open.
/// </summary>
internal static class LivePrompts
{
    public static async Task RunAsync(BenchPortal portal, HttpClient http, int prompts, int submissions, int openers, string? gcdump)
    {
        // Warm-up: JIT, caches and the first circuits, each taken to a grant so the code path is compiled too;
        // closed again before the baseline.
        for (var i = 0; i < 3; i++)
        {
            var (warm, _, _) = await OpenAsync(portal, http, portal.Users[i]);
            var seed = portal.Users[i].Seed;
            await warm.SubmitCodeAsync("authenticator-code", TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow)), TimeSpan.FromSeconds(60));
            await warm.LeaveAsync(http);
        }
        await Task.Delay(2000);
        var before = portal.ResidentBytes();
        await HoldAsync(portal, "before");
        long? heapBefore = gcdump is null ? null : await ManagedHeap.LiveBytesAsync(gcdump, portal.ProcessId);

        var open = new (PromptCircuit Circuit, BrowserVisitor Visitor, string Html)[prompts];
        var next = -1;
        var failures = 0;
        string? firstFailure = null;
        var cpuAtStart = portal.CpuTime();
        var opening = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, openers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < prompts)
            {
                try
                {
                    open[i] = await OpenAsync(portal, http, portal.Users[3 + i]);
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }
            }
        })));
        opening.Stop();
        var openingCpu = portal.CpuTime() - cpuAtStart;
        var live = open.Count(o => o.Circuit is not null);
        await Task.Delay(2000);
        var after = portal.ResidentBytes();
        await HoldAsync(portal, "after");
        long? heapAfter = gcdump is null ? null : await ManagedHeap.LiveBytesAsync(gcdump, portal.ProcessId);

        // Submissions one after another, while every prompt stays open, by prompts spread over the N. The most recently
        // opened go first: a challenge lives 5 minutes, and on a slow machine opening 1,000 prompts can take longer.
        var roundTrips = new List<double>();
        var submitFailures = 0;
        var step = Math.Max(1, live / Math.Max(1, submissions));
        var cpuBeforeSubmissions = portal.CpuTime();
        var submitting = Stopwatch.StartNew();
        for (var i = open.Length - 1; i >= 0 && roundTrips.Count + submitFailures < submissions; i -= step)
        {
            var (circuit, _, _) = open[i];
            if (circuit is null)
            {
                continue;
            }
            var user = portal.Users[3 + i];
            var started = Stopwatch.GetTimestamp();
            try
            {
                await circuit.SubmitCodeAsync("authenticator-code", TotpAlgorithm.Compute(user.Seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow)), TimeSpan.FromSeconds(30));
                roundTrips.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                submitFailures++;
                firstFailure ??= e.Message;
            }
        }
        submitting.Stop();
        var submissionCpu = portal.CpuTime() - cpuBeforeSubmissions;
        roundTrips.Sort();

        Console.WriteLine($"== 2/3. Live token prompts: {live} of {prompts} open ({failures} failed to open{(firstFailure is null ? "" : $"; first failure: {firstFailure}")}) in {opening.Elapsed.TotalSeconds:0.0} s by {openers} openers, load average {LoadAverage()}");
        Console.WriteLine($"portal CPU time to open them: {openingCpu.TotalMilliseconds / Math.Max(1, live):0} ms per prompt (password step with its PBKDF2, prerendered prompt, circuit start); the client shares the same {Environment.ProcessorCount} cores");
        Console.WriteLine($"portal resident memory: {before / 1048576.0:0.0} MiB before, {after / 1048576.0:0.0} MiB with the prompts open");
        Console.WriteLine($"FIGURE memory-per-prompt: {(after - before) / (double)Math.Max(1, live) / 1024:0.0} KiB resident per live prompt (goal <= 250 KB; includes the GC's headroom)");
        if (heapBefore is { } heapAtStart && heapAfter is { } heapWithPrompts)
        {
            Console.WriteLine($"FIGURE managed-heap-at-load: {heapWithPrompts / 1048576.0:0} MiB managed heap with {live} prompts open ({heapAtStart / 1048576.0:0} MiB before), {(heapWithPrompts - heapAtStart) / (double)Math.Max(1, live) / 1024:0.0} KiB per live prompt (dotnet-gcdump, after a full collection)");
        }
        Console.WriteLine($"FIGURE prompts-held: {live} live prompts, portal process {after / 1048576.0:0} MiB resident");
        Console.WriteLine($"FIGURE code-round-trip: p95 {HttpLogins.Percentile(roundTrips, 0.95):0} ms, p99 {HttpLogins.Percentile(roundTrips, 0.99):0} ms, p50 {HttpLogins.Percentile(roundTrips, 0.5):0} ms over {roundTrips.Count} submissions ({submitFailures} failed) with {live} prompts open, load average {LoadAverage()} (goal p95 <= 200 ms)");
        Console.WriteLine($"FIGURE code-round-trip-cpu: {submissionCpu.TotalMilliseconds / Math.Max(1, roundTrips.Count + submitFailures):0.0} ms of portal CPU per code round trip (type, enable Verify, verify, grant rendered), {submitting.Elapsed.TotalMilliseconds / Math.Max(1, roundTrips.Count + submitFailures):0} ms wall");

        foreach (var (circuit, _, _) in open)
        {
            if (circuit is not null)
            {
                await circuit.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// With LUCY_BENCH_HOLD=FILE, waits at the baseline and with all prompts open until FILE ("before PID" or
    /// "after PID") is deleted, so a heap dump of the portal can be taken at both points (bench/heap-by-type.sh).
    /// </summary>
    /// <summary>The 1, 5 and 15 minute load averages: on shared cores, wall times mean little without them.</summary>
    internal static string LoadAverage() => ProcStat.LoadAverage();

    private static async Task HoldAsync(BenchPortal portal, string point)
    {
        if (Environment.GetEnvironmentVariable("LUCY_BENCH_HOLD") is { Length: > 0 } hold)
        {
            await File.WriteAllTextAsync(hold, $"{point} {portal.ProcessId}");
            Console.Error.WriteLine($"holding {point} until {hold} is deleted (portal pid {portal.ProcessId})");
            while (File.Exists(hold))
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<(PromptCircuit, BrowserVisitor, string)> OpenAsync(BenchPortal portal, HttpClient http, BenchUser user)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var visitor = new BrowserVisitor(http, portal.BaseAddress);
        await visitor.PasswordStepAsync(user.Email, BenchPortal.Password, timeout.Token);
        var html = await visitor.GetPromptAsync(timeout.Token);
        var circuit = await PromptCircuit.StartAsync(visitor.PromptUri, html, visitor.Cookies, timeout.Token);
        try
        {
            await circuit.WaitForHandlerAsync("authenticator-code", "oninput", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
        return (circuit, visitor, html);
    }
}
