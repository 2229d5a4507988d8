using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lucy.Portal.Core.Data;

/// <summary>
/// Whether the database lacks a migration this build knows, asked as soon as the database is configured, on a thread of
/// its own, while the rest of the services are registered and the host is built (issue 15, cold start). It opens its
/// own context on the same database: the application's services do not exist yet. <see cref="DatabaseInitializer"/>
/// awaits the answer before anything else reads the database. A failure (a file that is no database, a server that does
/// not answer) is the answer's failure, and fails the start there.
/// </summary>
public sealed class SchemaCheck
{
    private readonly Task<bool> _pending;

    public SchemaCheck(Func<PortalDbContext> createContext) =>
        _pending = Task.Factory.StartNew(
            () => HasPendingMigrations(createContext), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>True when a migration of this build is not applied (always on a new database).</summary>
    public Task<bool> HasPendingMigrationsAsync() => _pending;

    // GetPendingMigrations, but the usual answer (none) reads the history table alone: MigrateAsync would also take the
    // migrations lock and build the snapshot's model to look for model changes without a migration, which
    // MigrationTests already catch at build time.
    private static bool HasPendingMigrations(Func<PortalDbContext> createContext)
    {
        using var db = createContext();
        var applied = db.Database.GetAppliedMigrations().ToHashSet(StringComparer.Ordinal);
        return db.GetService<IMigrationsAssembly>().Migrations.Keys.Any(id => !applied.Contains(id));
    }
}
