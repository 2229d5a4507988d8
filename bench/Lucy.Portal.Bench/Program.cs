using System.Diagnostics;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Client overhead per call over loopback against the fake Authy: the real registration (Refit, key handler, Polly
// pipeline) versus a bare HttpClient doing the same request, plus how fast calls fail with the breaker open.
const int Calls = 2000;
const int Warmup = 200;

await using var server = await FakeAuthyServer.StartAsync();
var user = server.SeedUser(hasApp: true);

await using var provider = BuildClient(server.BaseAddress);
var verifier = provider.GetRequiredService<AuthyTokenVerifier>();
var probe = provider.GetRequiredService<AuthyApplicationProbe>();

using var raw = new HttpClient { BaseAddress = server.BaseAddress };
raw.DefaultRequestHeaders.Add("X-Authy-API-Key", FakeAuthyServer.DefaultApiKey);

Console.WriteLine($"Fake Authy at {server.BaseAddress}, {Calls} sequential calls each after {Warmup} warm-up calls, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"scenario",-44} {"mean",9} {"p50",9} {"p99",9}");

var rawVerify = await MeasureAsync(async () => { using var r = await raw.GetAsync($"/protected/json/verify/1234567/{user.Id}?force=true"); _ = await r.Content.ReadAsStringAsync(); });
var clientVerify = await MeasureAsync(async () => await verifier.VerifyAsync(user.Id, "1234567"));
var rawDetails = await MeasureAsync(async () => { using var r = await raw.GetAsync("/protected/json/app/details"); _ = await r.Content.ReadAsStringAsync(); });
var clientDetails = await MeasureAsync(async () => await probe.GetDetailsAsync());

Print("bare HttpClient, verify (401 60020)", rawVerify);
Print("Authy client, verify (401 60020)", clientVerify);
Print("  overhead of the client", Subtract(clientVerify, rawVerify));
Print("bare HttpClient, app details (200)", rawDetails);
Print("Authy client, app details (200)", clientDetails);
Print("  overhead of the client", Subtract(clientDetails, rawDetails));

// A fresh client, as after a quiet spell: the breaker's ratio is over its sampling window, so thousands of
// successes just before would dilute five failures.
await using var fresh = BuildClient(server.BaseAddress);
var sender = fresh.GetRequiredService<AuthyCodeSender>();
server.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Unavailable());
var failuresToOpen = 0;
while ((await sender.SendSmsAsync(user.Id)).Status != AuthyStatus.Unavailable)
{
    failuresToOpen++;
}

Console.WriteLine($"failed SMS calls before the breaker opened: {failuresToOpen}");

var before = server.Requests.Count;
var open = await MeasureAsync(async () =>
{
    var result = await sender.SendSmsAsync(user.Id);
    if (result.Status != AuthyStatus.Unavailable)
    {
        throw new InvalidOperationException($"Breaker not open: {result.Status}");
    }
}, warmup: 0, calls: 1000);
Print("breaker open, SMS fails fast (1000 calls)", open);
Console.WriteLine($"requests reaching the server while open: {server.Requests.Count - before}");

static ServiceProvider BuildClient(Uri baseAddress)
{
    var services = new ServiceCollection();
    services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Authy:BaseUrl"] = baseAddress.ToString(),
    }).Build());
    services.AddLogging();
    services.AddSingleton<IAuthyApiKeySource>(new FixedKey(FakeAuthyServer.DefaultApiKey));
    services.AddSingleton<IOutboundProxySource>(new NoProxy());
    services.AddAuthyClient();
    return services.BuildServiceProvider();
}

static async Task<double[]> MeasureAsync(Func<Task> call, int warmup = Warmup, int calls = Calls)
{
    for (var i = 0; i < warmup; i++)
    {
        await call();
    }

    var samples = new double[calls];
    for (var i = 0; i < calls; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
    }

    Array.Sort(samples);
    return samples;
}

static double[] Subtract(double[] a, double[] b) => [a.Average() - b.Average(), Percentile(a, 0.5) - Percentile(b, 0.5), Percentile(a, 0.99) - Percentile(b, 0.99)];

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static void Print(string name, double[] samples)
{
    var (mean, p50, p99) = samples.Length == 3 && name.StartsWith("  ", StringComparison.Ordinal)
        ? (samples[0], samples[1], samples[2])
        : (samples.Average(), Percentile(samples, 0.5), Percentile(samples, 0.99));
    Console.WriteLine($"{name,-44} {mean,7:0} µs {p50,6:0} µs {p99,6:0} µs");
}

internal sealed class FixedKey(string key) : IAuthyApiKeySource
{
    public ValueTask<string?> GetApiKeyAsync(CancellationToken ct = default) => ValueTask.FromResult<string?>(key);
}

internal sealed class NoProxy : IOutboundProxySource
{
    public OutboundProxy? Current => null;
}
