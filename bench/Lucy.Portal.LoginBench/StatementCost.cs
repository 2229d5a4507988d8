using System.Diagnostics;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lucy.Portal.LoginBench;

/// <summary>
/// What one database statement of a login costs through the portal's EF context on its SQLite file, warm, on one
/// thread: each case runs in a fresh DI scope as a request does, and the figure is the process's CPU per case.
/// The differences between cases give the price of a read, a write, a reload and a request's first statement.
/// </summary>
internal static class StatementCost
{
    public static async Task RunAsync()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"lucy-statement-bench-{Guid.NewGuid():N}.db");
        try
        {
            using var host = LoginThroughput.BuildHost(databasePath, clock: null);
            string id;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                var user = new PortalUser { UserName = "bench@example.com", Email = "bench@example.com" };
                await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user);
                id = user.Id;
            }

            Console.WriteLine("== What one statement costs (CPU per case, fresh scope each, SQLite WAL, one thread)");
            // The first round warms the JIT and EF's query cache; the second is printed.
            for (var round = 0; round < 2; round++)
            {
                var print = round == 1;
                await MeasureAsync(host, print, "one scalar read", 5000, p => Db(p).Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).FirstAsync());
                await MeasureAsync(host, print, "five scalar reads", 2000, async p =>
                {
                    var db = Db(p);
                    for (var i = 0; i < 5; i++)
                    {
                        await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).FirstAsync();
                    }
                });
                await MeasureAsync(host, print, "one ExecuteUpdate", 3000, p => Db(p).Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0)));
                await MeasureAsync(host, print, "five ExecuteUpdates", 2000, async p =>
                {
                    var db = Db(p);
                    for (var i = 0; i < 5; i++)
                    {
                        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0));
                    }
                });
                await MeasureAsync(host, print, "one audit row (SaveChanges)", 3000, p => InsertAuditAsync(Db(p), 1));
                await MeasureAsync(host, print, "five audit rows (five SaveChanges)", 1000, p => InsertAuditAsync(Db(p), 5));
                await MeasureAsync(host, print, "the user, then EF's ReloadAsync five times", 2000, async p =>
                {
                    var db = Db(p);
                    var user = await db.Users.FirstAsync(u => u.Id == id);
                    for (var i = 0; i < 5; i++)
                    {
                        await db.Entry(user).ReloadAsync();
                    }
                });
                await MeasureAsync(host, print, "the user, then AccountLockout.RefreshAsync five times", 2000, async p =>
                {
                    var user = await Db(p).Users.FirstAsync(u => u.Id == id);
                    var lockout = p.GetRequiredService<AccountLockout>();
                    for (var i = 0; i < 5; i++)
                    {
                        await lockout.RefreshAsync(user);
                    }
                });
            }
        }
        finally
        {
            LoginThroughput.DeleteDatabase(databasePath);
        }
    }

    private static PortalDbContext Db(IServiceProvider services) => services.GetRequiredService<PortalDbContext>();

    private static async Task InsertAuditAsync(PortalDbContext db, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            db.AuditEvents.Add(new AuditEvent { Event = "bench", OccurredAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
    }

    private static async Task MeasureAsync(IHost host, bool print, string name, int count, Func<IServiceProvider, Task> body)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await body(scope.ServiceProvider);
        }
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        if (print)
        {
            Console.WriteLine($"  {name,-55} {used.TotalMicroseconds / count,6:0} µs CPU {wall.Elapsed.TotalMicroseconds / count,6:0} µs wall");
        }
    }
}
