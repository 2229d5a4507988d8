using System.Text.Json;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// Queues mail for the background sender: a queued message survives a restart, and the request that queued it never
/// waits for the SMTP server. Also lists what could not be delivered.
/// </summary>
public sealed class MailOutbox(IServiceScopeFactory scopes, MailSecretProtector protector, OutboxSignal signal, TimeProvider time)
{
    public async Task EnqueueAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Add(db, mail);
        await db.SaveChangesAsync(ct);
        signal.Wake();
    }

    /// <summary>Adds the message to a caller's context, to be saved with the caller's own change; call <see cref="OutboxSignal.Wake"/> after saving.</summary>
    public void Add(PortalDbContext db, OutgoingMail mail)
    {
        var now = time.GetUtcNow();
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            To = mail.To,
            Subject = mail.Subject,
            ProtectedBody = protector.ProtectBody(JsonSerializer.Serialize(new MailBody(mail.TextBody, mail.HtmlBody))),
            Purpose = mail.Purpose,
            UserId = mail.UserId,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>Messages given up, and messages still waiting after a failed attempt, newest first.</summary>
    public async Task<IReadOnlyList<UndeliveredMail>> UndeliveredAsync(int count, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.SentAt == null && (m.GaveUpAt != null || m.Attempts > 0))
            .OrderByDescending(m => m.Id)
            .Take(count)
            .Select(m => new UndeliveredMail(m.Id, m.To, m.Subject, m.CreatedAt, m.Attempts, m.GaveUpAt != null, m.LastError))
            .ToListAsync(ct);
    }
}

/// <summary>A mail that has not reached the server: <see cref="GaveUp"/> when the sender stopped retrying.</summary>
public sealed record UndeliveredMail(long Id, string To, string Subject, DateTimeOffset CreatedAt, int Attempts, bool GaveUp, string? LastError);

internal sealed record MailBody(string Text, string Html);

/// <summary>Wakes this instance's sender when mail was queued, so it goes out at once instead of at the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one wake-up covers every message queued before the sender looks.
        }
    }

    public void Dispose() => wake.Dispose();

    /// <summary>Returns when woken or after the timeout. The losing wait is cancelled, so it cannot swallow a later wake-up.</summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = wake.WaitAsync(either.Token);
        var elapsed = Task.Delay(timeout, time, either.Token);
        await Task.WhenAny(woken, elapsed);
        await either.CancelAsync();
        await Task.WhenAll(woken, elapsed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
    }
}
