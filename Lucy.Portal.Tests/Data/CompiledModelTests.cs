using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Data.CompiledModels.Sqlite;
using Lucy.Portal.Core.Data.CompiledModels.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Lucy.Portal.Tests.Data;

/// <summary>
/// The portal starts on compiled models (Data/CompiledModels, issue 15: building the model was the largest part of a
/// cold start). A compiled model is generated code that does not follow a model change by itself: these tests fail
/// until it is generated again with the commands in README.md ("Configuration").
/// </summary>
public class CompiledModelTests
{
    [Fact]
    public void Sqlite_context_runs_on_its_compiled_model_and_it_matches_the_model_the_context_builds()
    {
        using var db = new SqlitePortalDbContext(
            new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=unused.db").Options);

        AssertCompiledModelIsCurrent(db, SqlitePortalDbContextModel.Instance);
    }

    [Fact]
    public void SqlServer_context_runs_on_its_compiled_model_and_it_matches_the_model_the_context_builds()
    {
        using var db = new SqlServerPortalDbContext(
            new DbContextOptionsBuilder<SqlServerPortalDbContext>()
                .UseSqlServer("Server=unused;Database=Lucy;Trusted_Connection=True;TrustServerCertificate=True").Options);

        AssertCompiledModelIsCurrent(db, SqlServerPortalDbContextModel.Instance);
    }

    private static void AssertCompiledModelIsCurrent(PortalDbContext db, IModel compiled)
    {
        // The context finds its compiled model by itself (the generated assembly attribute).
        Assert.IsType(compiled.GetType(), db.Model);
        // OnModelCreating run afresh, as the migrations tool does.
        var built = db.GetService<IDesignTimeModel>().Model;

        // A difference names the item; the fix is to generate the compiled models again (README.md, "Configuration").
        // (The migrations differ cannot compare them: a compiled model keeps no design-time data such as collations.)
        Assert.Equal(Describe(built), Describe(db.Model));
    }

    /// <summary>Everything a query or a save depends on, one line per item, so a failure names what changed.</summary>
    private static List<string> Describe(IModel model) =>
        [.. model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(entity =>
            entity.GetProperties().Select(p =>
                    $"{entity.Name}.{p.Name}: {p.ClrType.Name} column {p.GetColumnName()} {p.GetColumnType()} " +
                    $"null={p.IsNullable} max={p.GetMaxLength()} converter={p.GetValueConverter()?.GetType().Name} " +
                    $"generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken}")
                .Concat([$"{entity.Name}: table {entity.GetTableName()}"])
                .Concat(entity.GetKeys().Select(k => $"{entity.Name} key {string.Join(",", k.Properties.Select(p => p.Name))} primary={k.IsPrimaryKey()}"))
                .Concat(entity.GetIndexes().Select(i => $"{entity.Name} index {i.GetDatabaseName()} {string.Join(",", i.Properties.Select(p => p.Name))} unique={i.IsUnique} filter={i.GetFilter()}"))
                .Concat(entity.GetForeignKeys().Select(f => $"{entity.Name} fk {string.Join(",", f.Properties.Select(p => p.Name))} -> {f.PrincipalEntityType.Name} delete={f.DeleteBehavior}")))
            .Order(StringComparer.Ordinal)];
}
