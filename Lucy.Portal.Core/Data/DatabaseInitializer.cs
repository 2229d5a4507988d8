using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.KeyProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Data;

/// <summary>Brings the database up to date at start-up: migrations, keys encrypted at rest, roles and, when configured, the first administrator.</summary>
public sealed class DatabaseInitializer(
    PortalDbContext db,
    SchemaCheck schema,
    RoleManager<IdentityRole> roles,
    FirstAdministratorSetup setup,
    KeyRingEncryption keyRing,
    AdministratorPresence administrators,
    IOptions<FirstAdministratorOptions> firstAdministrator,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await PrepareStorageAsync(ct);
        await PrepareAccountsAsync(ct);
    }

    /// <summary>
    /// The schema (pending migrations, SQLite's write-ahead log) and the stored Data Protection keys in their at-rest
    /// form. Comes before anything else reads the database: the key ring is loaded from it.
    /// </summary>
    public async Task PrepareStorageAsync(CancellationToken ct = default)
    {
        if (await schema.HasPendingMigrationsAsync())
        {
            await db.Database.MigrateAsync(ct);
        }
        await UseWriteAheadLogAsync(ct);
        await keyRing.EncryptStoredKeysAsync(ct);
    }

    /// <summary>After <see cref="PrepareStorageAsync"/>: the roles, and the first administrator when configured.</summary>
    public async Task PrepareAccountsAsync(CancellationToken ct = default)
    {
        // One query for the roles that exist and whether anyone holds them; only a missing role is created (through
        // RoleManager, as always). An administrator found here spares the first-run gate its own query (issue 15).
        var existing = await db.Roles.Select(r => new { r.Name, Held = db.UserRoles.Any(link => link.RoleId == r.Id) }).ToListAsync(ct);
        foreach (var role in PortalRoles.All.Except(existing.Select(r => r.Name!), StringComparer.Ordinal))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        if (existing.Exists(r => r.Name == PortalRoles.Administrator && r.Held))
        {
            administrators.MarkExists();
        }

        var configured = firstAdministrator.Value;
        if (configured.IsSupplied && await setup.IsRequiredAsync())
        {
            var result = await setup.CreateAsync(configured.Email!, configured.Password!, ipAddress: null, ct);
            // Another instance starting on the same database may have created it first; that is no failure.
            if (!result.Succeeded && await setup.IsRequiredAsync())
            {
                throw new InvalidOperationException(
                    "The first administrator from configuration could not be created: " + string.Join(" ", result.Errors));
            }
            if (result.Succeeded)
            {
                logger.LogInformation("Created the first administrator {Email} from configuration.", configured.Email);
            }
        }
    }

    /// <summary>
    /// SQLite's write-ahead log: readers no longer wait for a writer nor a writer for readers, and a commit syncs the
    /// log once instead of a journal and the file (synchronous stays FULL, so a commit survives a power cut). Concurrent
    /// logins write lockout counts, challenges, sessions and audit rows; with the rollback journal they queued behind
    /// each other's locks (issue 15, bench/README.md). The mode is stored in the file, so this changes it once.
    /// Processes sharing the file must run on one host (as the rollback journal already required in practice).
    /// </summary>
    private async Task UseWriteAheadLogAsync(CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
