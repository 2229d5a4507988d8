using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Mail;

/// <summary>"Send test mail": straight to the server (not through the outbox), so the administrator sees its answer now.</summary>
public sealed class TestMail(MailSettings settings, IMailTransport transport, AuditLog audit)
{
    public async Task<MailSendResult> SendAsync(string? recipient, SettingsActor actor, CancellationToken ct = default)
    {
        if (MailSettingsRules.TestRecipient(recipient) is { } problem)
        {
            return MailSendResult.Failed(problem);
        }
        var server = await settings.GetServerAsync(ct);
        if (!server.Settings.IsConfigured)
        {
            return MailSendResult.Failed(SettingsStrings.Mail_NotConfiguredForTest);
        }
        var to = recipient!.Trim();
        var culture = MailCulture.ForCurrentRequest(null);
        var text = MailStrings.Test_Body(culture);
        var mime = OutboxDelivery.MimeOf(server.Settings, to, MailStrings.Test_Subject(culture),
            new MailBody(text, $"<!DOCTYPE html><html><body><p>{System.Net.WebUtility.HtmlEncode(text)}</p></body></html>"));
        var result = await transport.SendAsync(server.Settings, server.Password, mime, ct);
        await audit.WriteAsync(new AuditEntry(AuditEvents.MailTestSent, result.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure)
        {
            ActorId = actor.UserId,
            ActorEmail = actor.Email,
            IpAddress = actor.IpAddress,
            Detail = $"to {to}: {(result.Answer.Length > 300 ? result.Answer[..300] : result.Answer)}",
        }, ct);
        return result;
    }
}
