using Microsoft.Data.Sqlite;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>A SQLite file in the temp folder (one test portal's, or one several instances share), and its removal with its WAL files.</summary>
public static class TempSqliteFile
{
    public static string NewPath(string name) => Path.Combine(Path.GetTempPath(), $"lucy-portal-{name}-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        // Pooled connections hold the file open.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
