using System.Diagnostics;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.LoginBench;

/// <summary>
/// Password + built-in authenticator logins through the real Core services on a SQLite file, one after another
/// on one thread, against one PBKDF2 verification alone.
/// </summary>
internal static class LoginThroughput
{
    private const int Warmup = 20;
    private const int Iterations = 200;

    public static async Task RunAsync()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"lucy-login-bench-{Guid.NewGuid():N}.db");
        // Each login moves the clock one TOTP step on, so every code is fresh (a reused step is refused as a replay).
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 * 30 + 1));
        try
        {
            using var host = BuildHost(databasePath, clock);
            var user = await BenchAccounts.SeedAsync(host.Services, clock);
            clock.Advance(TimeSpan.FromSeconds(30));

            string passwordHash;
            IPasswordHasher<PortalUser> hasher;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
                passwordHash = (await users.FindByIdAsync(user.Id))!.PasswordHash!;
                hasher = users.PasswordHasher;
            }
            var hashUser = new PortalUser();

            var logins = await MeasureAsync(() => LoginAsync(host.Services, clock, user), Phases.Reset);
            var hashes = await MeasureAsync(() =>
            {
                if (hasher.VerifyHashedPassword(hashUser, passwordHash, BenchAccounts.Password) != PasswordVerificationResult.Success)
                {
                    throw new InvalidOperationException("The password did not verify.");
                }
                return Task.CompletedTask;
            });

            Console.WriteLine($"Logins per core: {Iterations} sequential iterations after {Warmup} warm-up, SQLite file, {hasher.GetType().Name}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"scenario",-52} {"mean",10} {"p50",10} {"p99",10} {"ops/s",8}");
            Print("password + TOTP login (check, open, verify, redeem)", logins);
            Console.WriteLine($"  of which (mean): {Phases.Describe()}");
            Print("PBKDF2 verification alone", hashes);
            Console.WriteLine($"login / PBKDF2 mean ratio: {logins.Average() / hashes.Average():0.00}");
        }
        finally
        {
            DeleteDatabase(databasePath);
        }
    }

    /// <summary>The throwaway SQLite file, its write-ahead log and its key folder.</summary>
    internal static void DeleteDatabase(string databasePath)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
        if (Directory.Exists(databasePath + ".keys"))
        {
            Directory.Delete(databasePath + ".keys", recursive: true);
        }
    }

    /// <summary>The portal's Core services on a throwaway SQLite file; with <paramref name="clock"/> instead of the system clock.</summary>
    internal static IHost BuildHost(string databasePath, FakeTimeProvider? clock)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["Database:SqlitePath"] = databasePath;
        builder.Configuration["DataProtection:KeysFolder"] = databasePath + ".keys";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null)
        {
            // AddLucyCore only adds the system clock when none is registered.
            builder.Services.AddSingleton<TimeProvider>(clock);
        }
        builder.AddLucyCore();
        return builder.Build();
    }

    /// <summary>One login as the portal runs it, each step in its own scope as each step is its own request or circuit call.</summary>
    private static async Task LoginAsync(IServiceProvider services, FakeTimeProvider clock, BenchUser user)
    {
        var started = Stopwatch.GetTimestamp();
        string challenge;
        var browserKey = SignInChallenges.NewBrowserKey();
        await using (var passwordStep = services.CreateAsyncScope())
        {
            var users = passwordStep.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var account = await users.FindByEmailAsync(user.Email) ?? throw new InvalidOperationException("No user.");
            if (!await users.CheckPasswordAsync(account, BenchAccounts.Password))
            {
                throw new InvalidOperationException("The password was refused.");
            }
            challenge = await passwordStep.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(account.Id, browserKey);
        }

        var passwordDone = Stopwatch.GetTimestamp();
        string grant;
        await using (var prompt = services.CreateAsyncScope())
        {
            var code = TotpAlgorithm.Compute(user.Seed, TotpAlgorithm.StepAt(clock.GetUtcNow()));
            var result = await prompt.ServiceProvider.GetRequiredService<TwoFactorLogin>()
                .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, code, rememberDevice: false, "127.0.0.1");
            grant = result.Grant ?? throw new InvalidOperationException($"The code was refused: {result.Status} {result.Message}");
        }

        var verifyDone = Stopwatch.GetTimestamp();
        await using (var completion = services.CreateAsyncScope())
        {
            var redemption = await completion.ServiceProvider.GetRequiredService<SignInChallenges>().RedeemGrantAsync(grant, user.Id, browserKey);
            if (!redemption.Succeeded)
            {
                throw new InvalidOperationException("The grant was refused.");
            }
        }
        Phases.Add(Stopwatch.GetElapsedTime(started, passwordDone).TotalMilliseconds, Stopwatch.GetElapsedTime(passwordDone, verifyDone).TotalMilliseconds,
            Stopwatch.GetElapsedTime(verifyDone).TotalMilliseconds);
        clock.Advance(TimeSpan.FromSeconds(TotpAlgorithm.StepSeconds));
    }

    /// <summary>Where a login's time goes: password step (find, PBKDF2, open challenge), code check, grant redemption.</summary>
    private static class Phases
    {
        private static readonly List<(double Password, double Verify, double Redeem)> Samples = [];

        public static void Add(double password, double verify, double redeem) => Samples.Add((password, verify, redeem));

        public static void Reset() => Samples.Clear();

        public static string Describe() =>
            $"password step {Samples.Average(s => s.Password):0.00} ms, code check {Samples.Average(s => s.Verify):0.00} ms, grant redemption {Samples.Average(s => s.Redeem):0.00} ms";
    }

    private static async Task<double[]> MeasureAsync(Func<Task> call, Action? afterWarmup = null)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await call();
        }
        afterWarmup?.Invoke();
        var samples = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static void Print(string name, double[] samples) =>
        Console.WriteLine($"{name,-52} {samples.Average(),7:0.00} ms {Percentile(samples, 0.5),7:0.00} ms {Percentile(samples, 0.99),7:0.00} ms {1000 / samples.Average(),8:0.0}");
}
