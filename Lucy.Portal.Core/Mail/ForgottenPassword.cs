using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using System.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// "Forgot password": queues a reset link when the address belongs to an account, within the limits. The caller shows
/// the same answer in every case, and both paths do the same database work (one count, one lookup, one save), so the
/// answer and its timing do not tell whether the address exists.
/// </summary>
public sealed class ForgottenPassword(
    PortalDbContext db, AccountLinks links, MailSettings mail, MailOutbox outbox, OutboxSignal signal,
    DateDisplay dates, AuditLog audit, TimeProvider time)
{
    /// <summary>Requests per typed address per hour, whether or not an account has it.</summary>
    public const int PerAddressPerHour = 5;
    /// <summary>Reset links per account per hour.</summary>
    public const int PerAccountPerHour = 3;

    /// <summary>Whether the page offers the form: without mail there is no way to send a link.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken ct = default) => (await mail.GetAsync(ct)).IsConfigured;

    /// <param name="linkBase">The reset page's absolute URL; the token is appended as "?token=".</param>
    public async Task RequestAsync(string email, string linkBase, string? ip, CancellationToken ct = default)
    {
        var normalized = email.Trim().ToUpperInvariant();
        // SQL Server's retrying strategy only allows a transaction it can replay as a whole.
        var (user, outcome) = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            () => DecideOnceAsync(normalized, linkBase, ip, ct));
        signal.Wake();
        await audit.WriteAsync(new AuditEntry(AuditEvents.PasswordResetRequested, outcome == "link sent" ? AuditOutcome.Success : AuditOutcome.Failure)
        {
            ActorId = user?.Id,
            ActorEmail = email.Length > 256 ? email[..256] : email,
            IpAddress = ip,
            Detail = outcome,
        }, ct);
    }

    // The counts and the request's own row are one serializable transaction: SQLite begins it with the database's write
    // lock (BEGIN IMMEDIATE) and SQL Server holds range locks on what was counted, so a parallel request for the same
    // address waits, or is rolled back and replayed, until this one is saved, and its count includes this one.
    private async Task<(PortalUser? User, string Outcome)> DecideOnceAsync(string normalized, string linkBase, string? ip, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var addressHash = AccountLinks.Hash(normalized);

        var recentForAddress = await db.Set<PasswordResetRequest>().CountAsync(r => r.AddressHash == addressHash && r.RequestedAt > hourAgo, ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        // Asked for an unknown address too (with an id no account has), so both paths make the same queries.
        var userId = user?.Id ?? "";
        var recentForAccount = await db.Set<AccountLink>()
            .CountAsync(l => l.UserId == userId && l.Purpose == AccountLinkPurpose.PasswordReset && l.CreatedAt > hourAgo, ct);
        db.Set<PasswordResetRequest>().Add(new PasswordResetRequest { AddressHash = addressHash, RequestedAt = now });

        string outcome;
        if (!(await mail.GetAsync(ct)).IsConfigured)
        {
            outcome = "mail not configured";
        }
        else if (recentForAddress >= PerAddressPerHour)
        {
            outcome = "refused: too many requests for this address";
        }
        else if (user?.Email is null)
        {
            outcome = "no account has this address";
        }
        else if (recentForAccount >= PerAccountPerHour)
        {
            outcome = "refused: too many links for this account";
        }
        else
        {
            var token = links.Add(user, AccountLinkPurpose.PasswordReset);
            var link = linkBase + "?token=" + Uri.EscapeDataString(token);
            outbox.Add(db, AccountLinkMail.PasswordReset(
                user.Email, user.Id, link, ip, now, await dates.GetFormatAsync(ct), MailCulture.ForCurrentRequest(user.PreferredLanguage)));
            outcome = "link sent";
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (user, outcome);
    }
}
