using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// The notifier with a mail channel: every notice is an audit row (<see cref="AuditUserNotifier"/>), and when mail is
/// configured and the user has an address, a mail queued in the outbox, written in the user's language
/// (<see cref="MailCulture"/>). Queuing is one insert: the change that
/// caused the notice never waits for the SMTP server, and never fails because of mail.
/// </summary>
public sealed class MailUserNotifier(
    AuditUserNotifier audit,
    MailSettings settings,
    MailOutbox outbox,
    DateDisplay dates,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<MailUserNotifier> logger) : IUserNotifier
{
    public async Task NotifyAsync(UserNotice notice, CancellationToken ct = default)
    {
        await audit.NotifyAsync(notice, ct);
        try
        {
            if (!(await settings.GetAsync(ct)).IsConfigured)
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var recipient = await db.Users.AsNoTracking().Where(u => u.Id == notice.UserId)
                .Select(u => new { u.Email, u.PreferredLanguage }).FirstOrDefaultAsync(ct);
            if (string.IsNullOrEmpty(recipient?.Email))
            {
                return;
            }
            var culture = MailCulture.ForCurrentRequest(recipient.PreferredLanguage);
            await outbox.EnqueueAsync(NoticeMail.For(notice, recipient.Email, time.GetUtcNow(), await dates.GetFormatAsync(ct), culture), ct);
        }
#pragma warning disable CA1031 // A notice must not undo or delay the change it reports (IUserNotifier); the audit row is written.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogError(e, "The {Kind} notice for user {UserId} could not be queued as mail.", notice.Kind, notice.UserId);
        }
    }
}
