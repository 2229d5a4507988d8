using Lucy.Portal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Lucy.Portal.Tests.Data;

/// <summary>SQL Server cannot run here, so its migrations are checked as scripts; SQLite's are applied for real.</summary>
public class MigrationTests
{
    private static SqlServerPortalDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerPortalDbContext>()
            .UseSqlServer("Server=unused;Database=Lucy;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);

    [Fact]
    public void SqlServer_migration_script_is_valid_tsql()
    {
        using var db = SqlServerContext();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("CREATE TABLE [AuditEvents]", script);
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public void SqlServer_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = SqlServerContext();

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Sqlite_migrations_apply_to_an_empty_database_and_match_the_model()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(connection).Options);

        Assert.False(db.Database.HasPendingModelChanges());
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }
}
