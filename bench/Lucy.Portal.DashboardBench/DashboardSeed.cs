using System.Diagnostics;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lucy.Portal.DashboardBench;

/// <summary>
/// Bulk rows straight into SQLite (prepared inserts in one transaction; going through Identity would take hours):
/// users with a realistic 2FA mix, recovery codes, lockouts, and a year of audit rows weighted like real sign-ins.
/// </summary>
internal static class DashboardSeed
{
    public const int DefaultUsers = 100_000;
    public const int DefaultAuditRows = 1_000_000;
    public const int Administrators = 50;

    private static readonly DateTimeOffsetToBinaryConverter Stored = new();

    public static async Task<SeededDatabase> SeedAsync(string path, int userCount, int auditCount, DateTimeOffset now)
    {
        var random = new Random(17);
        var started = Stopwatch.GetTimestamp();
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync();
        }
        var administratorRole = await ScalarAsync(connection, $"SELECT Id FROM AspNetRoles WHERE Name = '{PortalRoles.Administrator}'");
        var userRole = await ScalarAsync(connection, $"SELECT Id FROM AspNetRoles WHERE Name = '{PortalRoles.User}'");

        var ids = new string[userCount];
        await using (var transaction = connection.BeginTransaction())
        {
            var user = Command(connection, transaction,
                """
                INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp,
                  ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, MustChangePassword,
                  CreatedAt, ConsecutiveFailures, TwoFactorViaTwilioVerify, AuthyId, LockoutEnd)
                VALUES ($id, $email, $normalized, $email, $normalized, 1, $stamp, $stamp, 0, $twoFactor, 1, 0, 0, $created, 0, $twilio, $authy, $lockoutEnd)
                """, "$id", "$email", "$normalized", "$stamp", "$twoFactor", "$created", "$twilio", "$authy", "$lockoutEnd");
            var role = Command(connection, transaction, "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($user, $role)", "$user", "$role");
            var key = Command(connection, transaction,
                "INSERT INTO AuthenticatorKeys (UserId, ProtectedSeed, LastAcceptedStep) VALUES ($user, 'bench-seed', 0)", "$user");
            var code = Command(connection, transaction,
                "INSERT INTO RecoveryCodes (UserId, Salt, Hash, CreatedAt, UsedAt) VALUES ($user, $salt, $hash, $created, $used)",
                "$user", "$salt", "$hash", "$created", "$used");
            var salt = new byte[16];
            var hash = new byte[32];
            for (var i = 0; i < userCount; i++)
            {
                var id = ids[i] = Guid.NewGuid().ToString();
                var email = $"user{i:D6}@bench.test";
                // 60 % with 2FA: 70 % authenticator, 20 % Authy, 10 % Twilio Verify; half the administrators without.
                var twoFactor = i < Administrators ? i % 2 == 0 : random.NextDouble() < 0.6;
                var method = random.NextDouble();
                var lockoutEnd = random.NextDouble() switch
                {
                    < 0.002 => Stored.ConvertToProvider(now.AddMinutes(random.Next(1, 15))),
                    < 0.010 => Stored.ConvertToProvider(now.AddDays(-random.Next(1, 300))),
                    _ => null,
                };
                Run(user, id, email, email.ToUpperInvariant(), Guid.NewGuid().ToString("N"), twoFactor,
                    Stored.ConvertToProvider(now.AddDays(-random.Next(1, 1000))), twoFactor && method is >= 0.9,
                    twoFactor && method is >= 0.7 and < 0.9 ? random.Next(1_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
                    lockoutEnd);
                Run(role, id, i < Administrators ? administratorRole : userRole);
                if (!twoFactor)
                {
                    continue;
                }
                if (method < 0.7)
                {
                    Run(key, id);
                }
                // Most have used no code; a few are down to their last ones.
                var used = random.NextDouble() switch { < 0.01 => 9, < 0.03 => 8, < 0.10 => 2, _ => 0 };
                for (var c = 0; c < 10; c++)
                {
                    random.NextBytes(salt);
                    random.NextBytes(hash);
                    Run(code, id, salt, hash, Stored.ConvertToProvider(now.AddDays(-400)), c < used ? Stored.ConvertToProvider(now.AddDays(-random.Next(1, 300))) : null);
                }
            }
            await transaction.CommitAsync();
        }
        var usersDone = Stopwatch.GetElapsedTime(started);

        await using (var transaction = connection.BeginTransaction())
        {
            var audit = Command(connection, transaction,
                """
                INSERT INTO AuditEvents (OccurredAt, Event, Outcome, ActorId, ActorEmail, IpAddress, Detail)
                VALUES ($at, $event, $outcome, $actor, $email, $ip, $detail)
                """, "$at", "$event", "$outcome", "$actor", "$email", "$ip", "$detail");
            var yearInSeconds = (int)TimeSpan.FromDays(365).TotalSeconds;
            for (var i = 0; i < auditCount; i++)
            {
                var actor = random.Next(userCount);
                var (name, outcome, detail) = random.NextDouble() switch
                {
                    < 0.30 => (AuditEvents.SignInCompleted, AuditOutcome.Success, "Authenticator"),
                    < 0.55 => (AuditEvents.LoginPassword, AuditOutcome.Success, (string?)null),
                    < 0.65 => (AuditEvents.LoginPassword, AuditOutcome.Failure, null),
                    < 0.72 => (AuditEvents.LoginSecondFactor, AuditOutcome.Success, "Authenticator"),
                    < 0.76 => (AuditEvents.LoginSecondFactor, AuditOutcome.Failure, "Authenticator: wrong code"),
                    < 0.77 => (AuditEvents.LockedOut, AuditOutcome.Failure, null),
                    < 0.85 => (AuditEvents.Logout, AuditOutcome.Success, null),
                    < 0.92 => (AuditEvents.SessionExpired, AuditOutcome.Success, "idle"),
                    _ => (AuditEvents.NoticeRecorded, AuditOutcome.Success, "notice"),
                };
                Run(audit, Stored.ConvertToProvider(now.AddSeconds(-random.Next(yearInSeconds))), name, (int)outcome, ids[actor],
                    $"user{actor:D6}@bench.test", $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}", detail);
            }
            await transaction.CommitAsync();
        }
        var auditDone = Stopwatch.GetElapsedTime(started) - usersDone;
        // Rows went straight into the factor tables: fill the user rows' counters as the DashboardCounters migration does.
        var countersStarted = Stopwatch.GetTimestamp();
        await using (var counters = connection.CreateCommand())
        {
            counters.CommandText = UserFactorCounterBackfill.Sqlite;
            await counters.ExecuteNonQueryAsync();
        }
        return new SeededDatabase(ids, usersDone, auditDone, Stopwatch.GetElapsedTime(countersStarted));
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No row: {sql}"));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }
}

internal sealed record SeededDatabase(IReadOnlyList<string> UserIds, TimeSpan UsersSeeded, TimeSpan AuditSeeded, TimeSpan CountersFilled);
