using System.Text.Json;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// Sends what is due in the outbox. Each message is claimed by one UPDATE before it is sent, so several instances on
/// one database never send it twice; a failure waits with exponential backoff, and after the last attempt the message
/// is given up and audited as undelivered.
/// </summary>
public sealed class OutboxDelivery(
    IServiceScopeFactory scopes,
    MailSettings settings,
    IMailTransport transport,
    MailSecretProtector protector,
    IOptions<MailOutboxOptions> options,
    AuditLog audit,
    TimeProvider time,
    ILogger<OutboxDelivery> logger)
{
    private const int Batch = 20;
    private readonly string sender = Guid.NewGuid().ToString("N");

    /// <summary>Sends every message due now; returns how many the server accepted. Nothing is attempted while mail is not configured.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var server = await settings.GetServerAsync(ct);
        if (!server.Settings.IsConfigured)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow();
        var due = await Due(db, now).OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(db, id, ct) && await SendAsync(db, id, server, ct))
            {
                sent++;
            }
        }
        return sent;
    }

    private static IQueryable<OutboxMessage> Due(PortalDbContext db, DateTimeOffset now) =>
        db.Set<OutboxMessage>().Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now
            && (m.ClaimedUntil == null || m.ClaimedUntil < now));

    private async Task<bool> ClaimAsync(PortalDbContext db, long id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now.AddSeconds(options.Value.ClaimSeconds);
        return await Due(db, now).Where(m => m.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.ClaimedBy, sender), ct) == 1;
    }

    private async Task<bool> SendAsync(PortalDbContext db, long id, MailServer server, CancellationToken ct)
    {
        var message = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id, ct);
        var body = protector.UnprotectBody(message.ProtectedBody) is { } json ? JsonSerializer.Deserialize<MailBody>(json) : null;
        if (body is null)
        {
            // Its key ring is gone: it can never be sent.
            await GiveUpAsync(db, message, "The message cannot be decrypted with the current key ring.", ct);
            return false;
        }
        var result = await transport.SendAsync(server.Settings, server.Password, MimeOf(server.Settings, message.To, message.Subject, body), ct);
        var now = time.GetUtcNow();
        var mine = db.Set<OutboxMessage>().Where(m => m.Id == id && m.ClaimedBy == sender);
        if (result.Succeeded)
        {
            await mine.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ProtectedBody, (string?)null)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
            logger.LogInformation("Mail {Id} ({Purpose}) delivered: {Answer}", id, message.Purpose, result.Answer);
            return true;
        }
        var attempts = message.Attempts + 1;
        if (attempts >= options.Value.MaxAttempts)
        {
            await GiveUpAsync(db, message, result.Answer, ct);
            return false;
        }
        await mine.ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, now + options.Value.BackoffAfter(attempts))
            .SetProperty(m => m.LastError, Truncate(result.Answer))
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
        logger.LogWarning("Mail {Id} ({Purpose}) not delivered (attempt {Attempt}): {Reason}", id, message.Purpose, attempts, result.Answer);
        return false;
    }

    private async Task GiveUpAsync(PortalDbContext db, OutboxMessage message, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.ClaimedBy == sender)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.GaveUpAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ProtectedBody, (string?)null)
                .SetProperty(m => m.LastError, Truncate(reason))
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), ct);
        await audit.WriteAsync(new AuditEntry(AuditEvents.MailUndelivered, AuditOutcome.Failure)
        {
            SubjectId = message.UserId,
            Detail = Truncate($"{message.Purpose} to {message.To}: {reason}"),
        }, ct);
    }

    internal static MimeMessage MimeOf(MailSettingsSnapshot settings, string to, string subject, MailBody body)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress("Lucy Portal", settings.SenderAddress ?? throw new InvalidOperationException("Mail is not configured.")));
        mime.To.Add(MailboxAddress.Parse(to));
        mime.Subject = subject;
        mime.Body = new BodyBuilder { TextBody = body.Text, HtmlBody = body.Html }.ToMessageBody();
        return mime;
    }

    private static string Truncate(string value) => value.Length <= 500 ? value : value[..500];
}
