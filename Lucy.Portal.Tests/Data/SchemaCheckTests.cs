using Lucy.Portal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Lucy.Portal.Tests.Data;

/// <summary>The start's first question, asked before the services exist: does the database lack a migration of this build?</summary>
public sealed class SchemaCheckTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"lucy-schema-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_database_not_created_yet_lacks_every_migration_and_the_question_does_not_create_it()
    {
        Assert.True(await new SchemaCheck(Context).HasPendingMigrationsAsync());
        Assert.False(File.Exists(_path));
    }

    [Fact]
    public async Task A_database_with_every_migration_lacks_none()
    {
        using (var db = Context())
        {
            await db.Database.MigrateAsync();
        }

        Assert.False(await new SchemaCheck(Context).HasPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_database_one_migration_behind_lacks_one()
    {
        using (var db = Context())
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[^2]);
            Assert.Equal(migrations[^1], Assert.Single(await db.Database.GetPendingMigrationsAsync()));
        }

        Assert.True(await new SchemaCheck(Context).HasPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_file_that_is_no_database_fails_the_answer()
    {
        await File.WriteAllTextAsync(_path, new string('x', 8192));

        await Assert.ThrowsAsync<SqliteException>(() => new SchemaCheck(Context).HasPendingMigrationsAsync());
    }

    private SqlitePortalDbContext Context() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={_path};Pooling=False").Options);

    public void Dispose() => File.Delete(_path);
}
