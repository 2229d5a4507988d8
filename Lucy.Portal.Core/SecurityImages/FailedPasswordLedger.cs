using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.SecurityImages;

/// <summary>
/// Failed passwords of the last <see cref="SettingsDefaults.SecurityImageFailureWindow"/>, per account (the email as
/// typed, so an unknown email counts like a known one and reveals nothing) and per client address. Kept in the
/// database so that every instance sees the same count.
/// </summary>
public sealed class FailedPasswordLedger(PortalDbContext db, TimeProvider time, Housekeeping housekeeping)
{
    private DbSet<FailedPasswordAttempt> Attempts => db.Set<FailedPasswordAttempt>();

    public async Task RecordAsync(string? email, string? address, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        // Rows that no longer count go as new failures arrive, once a minute at most (every count ignores them anyway):
        // a password-spraying script must not make each wrong password delete everyone's old rows.
        if (housekeeping.TakeTurn(nameof(FailedPasswordLedger), Housekeeping.Interval))
        {
            var cutoff = now - SettingsDefaults.SecurityImageFailureWindow;
            await Attempts.Where(a => a.FailedAt < cutoff).ExecuteDeleteAsync(ct);
        }
        foreach (var subject in Subjects(email, address))
        {
            Attempts.Add(new FailedPasswordAttempt { Subject = subject, FailedAt = now });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The larger of the account's and the address's recent failures.</summary>
    public async Task<int> RecentFailuresAsync(string? email, string? address, CancellationToken ct = default)
    {
        var subjects = Subjects(email, address);
        if (subjects.Count == 0)
        {
            return 0;
        }
        var cutoff = time.GetUtcNow() - SettingsDefaults.SecurityImageFailureWindow;
        var counts = await Attempts.AsNoTracking()
            .Where(a => subjects.Contains(a.Subject) && a.FailedAt >= cutoff)
            .GroupBy(a => a.Subject)
            .Select(g => g.Count())
            .ToListAsync(ct);
        return counts.Count == 0 ? 0 : counts.Max();
    }

    /// <summary>A correct password ends the account's count (not the address's: a working password of one account says nothing about others).</summary>
    public Task ClearAccountAsync(string email, CancellationToken ct = default)
    {
        var subject = AccountSubject(email);
        return Attempts.Where(a => a.Subject == subject).ExecuteDeleteAsync(ct);
    }

    private static List<string> Subjects(string? email, string? address)
    {
        var subjects = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(email))
        {
            subjects.Add(AccountSubject(email));
        }
        if (!string.IsNullOrWhiteSpace(address))
        {
            subjects.Add("address:" + address);
        }
        return subjects;
    }

    private static string AccountSubject(string email)
    {
        var subject = "account:" + email.Trim().ToUpperInvariant();
        return subject.Length <= FailedPasswordAttemptConfiguration.SubjectMaxLength
            ? subject
            : subject[..FailedPasswordAttemptConfiguration.SubjectMaxLength];
    }
}
