using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>Notices through the real notifier, the outbox, the background sender and a real SMTP server.</summary>
public class NoticeDeliveryTests : IAsyncLifetime
{
    private readonly MailPortal _portal = new();
    private string _userId = "";

    public async Task InitializeAsync()
    {
        await _portal.Smtp.StartAsync();
        await _portal.SeedAccountsAsync();
        _userId = (await _portal.CreateUserAsync(PortalFactory.UserEmail, Lucy.Portal.Core.Accounts.PortalRoles.User, false)).Id;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task NotifyAsync(UserNotice notice) => _portal.Services.GetRequiredService<IUserNotifier>().NotifyAsync(notice);

    [Fact]
    public async Task Every_notice_kind_reaches_the_user_as_text_and_html_and_is_audited()
    {
        await _portal.ConfigureMailAsync();
        var kinds = Enum.GetValues<UserNoticeKind>();

        foreach (var kind in kinds)
        {
            await NotifyAsync(new UserNotice(_userId, kind) { IpAddress = "203.0.113.7", Detail = "a detail" });
        }

        await _portal.Smtp.WaitForMessageToAsync(PortalFactory.UserEmail, kinds.Length);
        var mails = _portal.Smtp.To(PortalFactory.UserEmail);
        var audited = await AuditDetailsAsync(AuditEvents.NoticeRecorded);
        foreach (var kind in kinds)
        {
            var subject = NoticeMail.For(new UserNotice(_userId, kind), PortalFactory.UserEmail, DateTimeOffset.UnixEpoch,
                Lucy.Portal.Core.Settings.DateDisplayFormat.Default, MailCulture.For(null, null)).Subject;
            var mail = Assert.Single(mails, m => m.Subject == subject);
            Assert.Equal("portal@lucy.test", mail.From.Mailboxes.Single().Address);
            Assert.Contains("From address: 203.0.113.7", mail.TextBody);
            Assert.Contains("<td>203.0.113.7</td>", mail.HtmlBody);
            Assert.Contains($"{kind}: a detail", audited);
        }
    }

    [Fact]
    public async Task Without_mail_settings_a_notice_is_audited_and_nothing_is_queued_or_sent()
    {
        await NotifyAsync(new UserNotice(_userId, UserNoticeKind.TwoFactorDisabled));

        Assert.Contains("TwoFactorDisabled", await AuditDetailsAsync(AuditEvents.NoticeRecorded));
        Assert.Empty(await _portal.OutboxAsync());
        Assert.Empty(_portal.Smtp.Messages);
    }

    [Fact]
    public async Task A_notice_never_waits_for_a_dead_server_and_is_kept_in_the_outbox()
    {
        await _portal.ConfigureMailAsync();
        await _portal.Smtp.StopAsync();

        await NotifyAsync(new UserNotice(_userId, UserNoticeKind.PasswordChanged));

        var queued = Assert.Single(await _portal.OutboxAsync());
        Assert.Null(queued.SentAt);
        Assert.DoesNotContain("Lucy Portal", queued.ProtectedBody ?? "", StringComparison.Ordinal);
    }

    private async Task<List<string?>> AuditDetailsAsync(string auditEvent)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.Where(e => e.Event == auditEvent).Select(e => e.Detail).ToListAsync();
    }
}
