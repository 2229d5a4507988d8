using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.LoadBench;

/// <summary>A user enrolled in the built-in authenticator.</summary>
internal sealed record BenchUser(string Email, byte[] Seed);

/// <summary>
/// The built portal (Release) in a process of its own on a loopback port, on a throwaway SQLite file that this
/// process seeds first through the real Core services: an administrator and users enrolled in the authenticator.
/// </summary>
internal sealed partial class BenchPortal : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"lucy-load-bench-{Guid.NewGuid():N}.db");
    private Process? _process;

    public Uri BaseAddress { get; private set; } = default!;

    public List<BenchUser> Users { get; } = [];

    /// <summary>The PBKDF2 hasher the portal uses, with the stored hash of the bench password.</summary>
    public (IPasswordHasher<PortalUser> Hasher, string Hash) PasswordCheck { get; private set; }

    public int ProcessId => _process?.Id ?? 0;

    public static async Task<BenchPortal> StartAsync(string portalDll, int users)
    {
        var portal = new BenchPortal();
        try
        {
            await portal.SeedAsync(users);
            await portal.StartProcessAsync(portalDll);
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    /// <summary>Resident memory of the portal process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    /// <summary>CPU time the portal process has used so far (user + system, from /proc/PID/stat).</summary>
    public TimeSpan CpuTime() => ProcStat.CpuTime($"/proc/{ProcessId}/stat");

    private async Task SeedAsync(int count)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["Database:SqlitePath"] = _databasePath;
        builder.Configuration["DataProtection:KeysFolder"] = _databasePath + ".keys";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddLucyCore();
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var setup = await scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>().CreateAsync("admin@lucy.bench", Password, null);
            if (!setup.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", setup.Errors));
            }
            var admin = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync("admin@lucy.bench"))!;
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<PortalUser>>();
            PasswordCheck = (hasher, admin.PasswordHash!);
        }
        var time = host.Services.GetRequiredService<TimeProvider>();
        List<RecoveryCode>? recoveryCodes = null;
        for (var i = 0; i < count; i++)
        {
            // One scope per user, as the portal creates one per request: a long-lived context would track them all.
            await using var scope = host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var email = $"user{i:D5}@lucy.bench";
            // The administrator's hash is reused so seeding does not pay one PBKDF2 per user; each login still does.
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = time.GetUtcNow(), PasswordHash = PasswordCheck.Hash };
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, PortalRoles.User));
            var enrollment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>();
            var started = await enrollment.StartAsync(user);
            var seed = Base32.Decode(started.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal)) ?? throw new InvalidOperationException("Not Base32.");
            // Confirmed with the previous step's code, so the current step stays unused for the first login.
            // Tried twice: a step that ends between computing the code and checking it leaves it two steps old.
            var confirmed = false;
            for (var attempt = 0; attempt < 2 && !confirmed; attempt++)
            {
                var previous = TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(time.GetUtcNow()) - 1);
                confirmed = await enrollment.ConfirmAsync(user, previous) == AuthenticatorConfirmation.Confirmed;
            }
            if (!confirmed)
            {
                throw new InvalidOperationException("The authenticator enrollment was not confirmed.");
            }
            // As the enrollment wizard leaves a user: the factor in the registry, ten recovery codes, 2FA on. The codes are
            // hashed once (PBKDF2 each) and their rows copied, so seeding does not pay ten hashes per user.
            await scope.ServiceProvider.GetRequiredService<UserFactors>().RecordAddedAsync(user, EnrollmentMethod.BuiltInAuthenticator, null);
            if (recoveryCodes is null)
            {
                await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
                recoveryCodes = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<RecoveryCode>().AsNoTracking().Where(c => c.UserId == user.Id).ToListAsync();
            }
            else
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                db.Set<RecoveryCode>().AddRange(recoveryCodes.Select(c => new RecoveryCode { UserId = user.Id, Salt = c.Salt, Hash = c.Hash, CreatedAt = c.CreatedAt }));
                await db.SaveChangesAsync();
                await UserFactorCounters.RecoveryCodesSetAsync(db, user.Id, recoveryCodes.Count, default);
            }
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            Users.Add(new BenchUser(email, seed));
        }
        SqliteConnection.ClearAllPools();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>LUCY_BENCH_PORTAL_LOG=1: the portal's log, its SQL statements among it, on stderr.</summary>
    internal static readonly bool PortalLog = Environment.GetEnvironmentVariable("LUCY_BENCH_PORTAL_LOG") is "1";

    private async Task StartProcessAsync(string portalDll)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(portalDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(portalDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["Database__SqlitePath"] = _databasePath;
        start.Environment["DataProtection__KeysFolder"] = _databasePath + ".keys";
        // The per-address limit guards one address against PBKDF2 floods; every bench client comes from 127.0.0.1.
        start.Environment["RateLimits__SignInPerMinute"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__LogLevel__Lucy"] = "Warning";
        if (PortalLog)
        {
            // Every SQL statement on one line, to count what each step of a login costs in queries.
            start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
            start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        }
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) =>
        {
            if (PortalLog && line.Data is { } logged)
            {
                Console.Error.WriteLine($"portal: {logged}");
            }
            if (line.Data is { } text && ListeningOn().Match(text) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value.TrimEnd('/') + "/"));
            }
            else if (!PortalLog && line.Data is { } other && (other.Contains("fail:", StringComparison.Ordinal) || other.Contains("crit:", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine($"portal: {other}");
            }
        };
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                Console.Error.WriteLine($"portal: {text}");
            }
        };
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The portal exited before it listened."));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
        if (Directory.Exists(_databasePath + ".keys"))
        {
            Directory.Delete(_databasePath + ".keys", recursive: true);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
