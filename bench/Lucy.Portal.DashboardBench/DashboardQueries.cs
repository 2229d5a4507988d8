using System.Diagnostics;
using Lucy.Portal.Core.Dashboard;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Core.Policy;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.DashboardBench;

/// <summary>
/// Times every query of both home pages through the real Core services (each read in a fresh scope, as a page
/// refresh does), first with the DashboardIndexes migration applied, then with its indexes dropped.
/// </summary>
internal static class DashboardQueries
{
    private const int Warmup = 3;
    private const int Iterations = 20;
    // Without the indexes some reads take seconds: fewer rounds keep the run short.
    private const int IterationsWithoutIndexes = 3;

    private static readonly string[] DashboardIndexes =
    [
        "IX_AuditEvents_Event_OccurredAt_Outcome", "IX_AuditEvents_ActorId_Event_OccurredAt", "IX_AspNetUsers_LockoutEnd", "IX_RecoveryCodes_UserId_UsedAt",
        "IX_AspNetUsers_TwoFactorEnabled_AuthenticatorConfirmed_TwoFactorViaTwilioVerify_AuthyId_Id", "IX_AspNetUsers_TwoFactorEnabled_UnusedRecoveryCodes_Id",
        "IX_TwoFactorClocks_RequiredSince_UserId",
    ];

    public static async Task RunAsync(int userCount, int auditCount, bool keep, bool showSql, bool withoutIndexes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"lucy-dashboard-bench-{Guid.NewGuid():N}.db");
        try
        {
            using var host = BuildHost(path, showSql);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            }
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var seeded = await DashboardSeed.SeedAsync(path, userCount, auditCount, now);
            Console.WriteLine($"Seeded {userCount:N0} users (with roles, authenticator keys, recovery codes) in {seeded.UsersSeeded.TotalSeconds:0.0} s " +
                $"and {auditCount:N0} audit rows over 365 days in {seeded.AuditSeeded.TotalSeconds:0.0} s; {new FileInfo(path).Length / 1_048_576} MB");
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, SQLite file, reads after {Warmup} warm-up, each in a fresh scope");

            Console.WriteLine($"Factor counters filled by the DashboardCounters migration's statement in {seeded.CountersFilled.TotalSeconds:0.0} s");

            await MeasureAllAsync(host.Services, seeded, "with the DashboardIndexes and DashboardCounters indexes", Iterations);
            await MeasurePolicyAsync(host.Services, Iterations);
            if (withoutIndexes)
            {
                await DropDashboardIndexesAsync(path);
                await MeasureAllAsync(host.Services, seeded, "without them", IterationsWithoutIndexes);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keep)
            {
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }
            if (Directory.Exists(path + ".keys"))
            {
                Directory.Delete(path + ".keys", recursive: true);
            }
        }
    }

    private static IHost BuildHost(string path, bool showSql)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["Database:SqlitePath"] = path;
        builder.Configuration["DataProtection:KeysFolder"] = path + ".keys";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (showSql)
        {
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        }
        builder.AddLucyCore();
        return builder.Build();
    }

    private static async Task MeasureAllAsync(IServiceProvider services, SeededDatabase seeded, string title, int iterations)
    {
        Console.WriteLine();
        Console.WriteLine($"Dashboard queries {title}");
        Console.WriteLine($"{"query",-46} {"mean ms",9} {"p50 ms",9} {"max ms",9} {"CPU ms",9}");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
        var random = new Random(3);
        var page = new List<double>();
        void Add(double[] times) => page.Add(times.Average());

        Add(await MeasureAsync(iterations, "2FA coverage (by method, admins without)", services, s => s.GetRequiredService<TwoFactorCoverage>().ReadAsync()));
        Add(await MeasureAsync(iterations, "sign-ins per day, 30 days (Europe/Zurich)", services, s => s.GetRequiredService<SignInActivity>().ReadAsync(zone)));
        Add(await MeasureAsync(iterations, "attention: locked now", services, s => ActivatorUtilities.CreateInstance<LockedAccountsAttention>(s).ReadAsync(DateTimeOffset.UtcNow)));
        Add(await MeasureAsync(iterations, "attention: <= 2 recovery codes left", services, s => ActivatorUtilities.CreateInstance<LowRecoveryCodesAttention>(s).ReadAsync(DateTimeOffset.UtcNow)));
        Add(await MeasureAsync(iterations, "attention: provider health", services, s => ActivatorUtilities.CreateInstance<ProviderHealthAttention>(s).ReadAsync(DateTimeOffset.UtcNow)));
        Add(await MeasureAsync(iterations, "attention: 2FA deadlines (policy off)", services, s => ActivatorUtilities.CreateInstance<TwoFactorDeadlineAttention>(s).ReadAsync(DateTimeOffset.UtcNow)));
        Add(await MeasureAsync(iterations, "settings (date format, cached)", services, s => s.GetRequiredService<DateDisplay>().GetFormatAsync().AsTask()));
        Console.WriteLine($"{"sum of the above",-46} {page.Sum(),9:0.0}");
        await MeasureAsync(iterations, "administrator home page, one read", services, ReadAdministratorPageAsync);
        await MeasureAsync(iterations, "user home (2FA, codes, last sign-in, failure)", services,
            s => s.GetRequiredService<OwnSecuritySummary>().ReadAsync(seeded.UserIds[random.Next(seeded.UserIds.Count)]));
    }

    /// <summary>
    /// The 2FA policy's counts at their worst: 2FA required for everyone, so every user without a usable factor
    /// (about 58,000 here, with the stranded Authy and Verify users) has a clock and an obligation.
    /// </summary>
    private static async Task MeasurePolicyAsync(IServiceProvider services, int iterations)
    {
        Console.WriteLine();
        var started = Stopwatch.GetTimestamp();
        await using (var scope = services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>().SaveAsync(
                new TwoFactorPolicySection(new TwoFactorPolicy(TwoFactorRequiredFor.Everyone, 3, 7, TwoFactorPolicy.DefaultStepUpMinutes)),
                new SettingsActor(null, "bench@bench.test"));
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException("The bench could not save the 2FA policy.");
            }
        }
        Console.WriteLine($"2FA required for everyone (grace 3 days for administrators, 7 for users); clocks started in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        Console.WriteLine($"{"query",-46} {"mean ms",9} {"p50 ms",9} {"max ms",9} {"CPU ms",9}");
        await MeasureAsync(iterations, "attention: 2FA deadlines (required for all)", services, s => ActivatorUtilities.CreateInstance<TwoFactorDeadlineAttention>(s).ReadAsync(DateTimeOffset.UtcNow));
        await MeasureAsync(iterations, "administrator home page, one read", services, ReadAdministratorPageAsync);
        await MeasureAsync(iterations, "settings: impact of another policy", services,
            s => s.GetRequiredService<TwoFactorPolicyImpact>().OfPolicyAsync(new TwoFactorPolicy(TwoFactorRequiredFor.Administrators, 0, 7, 5)));
        await MeasureAsync(iterations, "settings: users a provider switch strands", services,
            s => s.GetRequiredService<TwoFactorPolicyImpact>().StrandedByAsync(new ProviderAvailability(false, true)));
    }

    /// <summary>Every figure of the administrator home page, as a page refresh reads them (nothing shared from an earlier read).</summary>
    private static async Task<AdministratorFigures> ReadAdministratorPageAsync(IServiceProvider services)
    {
        using var dashboard = ActivatorUtilities.CreateInstance<AdministratorDashboard>(services);
        return await dashboard.ReadAsync();
    }

    private static async Task<double[]> MeasureAsync<T>(int iterations, string name, IServiceProvider services, Func<IServiceProvider, Task<T>> read)
    {
        var times = new double[iterations];
        var cpu = TimeSpan.Zero;
        var process = Process.GetCurrentProcess();
        for (var i = -Warmup; i < iterations; i++)
        {
            await using var scope = services.CreateAsyncScope();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            await read(scope.ServiceProvider);
            if (i >= 0)
            {
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                process.Refresh();
                cpu += process.TotalProcessorTime - cpuBefore;
            }
        }
        var sorted = times.Order().ToArray();
        // CPU time of this process: on a shared, busy machine the wall time also holds waiting for a core.
        Console.WriteLine($"{name,-46} {times.Average(),9:0.0} {sorted[sorted.Length / 2],9:0.0} {sorted[^1],9:0.0} {cpu.TotalMilliseconds / iterations,9:0.0}");
        return times;
    }

    private static async Task DropDashboardIndexesAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        foreach (var index in DashboardIndexes)
        {
            await using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP INDEX IF EXISTS \"{index}\"";
            await drop.ExecuteNonQueryAsync();
        }
    }
}
