using System.ComponentModel.DataAnnotations;

namespace Lucy.Portal.Core.Data;

/// <summary>Which database the portal uses (section "Database").</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (embedded default) or "SqlServer".</summary>
    [Required, RegularExpression("^(Sqlite|SqlServer)$", ErrorMessage = "Database:Provider must be Sqlite or SqlServer.")]
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>SQLite file; relative paths are under the app's content root.</summary>
    public string SqlitePath { get; set; } = Path.Combine("App_Data", "lucy-portal.db");

    /// <summary>SQL Server connection string; also read from ConnectionStrings:Portal.</summary>
    public string? SqlServerConnectionString { get; set; }
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";
}
