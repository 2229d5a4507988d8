using Lucy.Portal.DashboardBench;

// Seeds 100,000 users and 1,000,000 audit rows into a throwaway SQLite file and times each home page query.
// Options: --users N, --audit N (smaller runs while developing), --keep (leave the database file), --sql (print the SQL),
// --without-indexes (time again with the dashboard's indexes dropped).
var users = Argument("--users", DashboardSeed.DefaultUsers);
var audit = Argument("--audit", DashboardSeed.DefaultAuditRows);
await DashboardQueries.RunAsync(users, audit, keep: args.Contains("--keep"), showSql: args.Contains("--sql"), withoutIndexes: args.Contains("--without-indexes"));

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
