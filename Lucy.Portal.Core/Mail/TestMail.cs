using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Settings;

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
            return MailSendResult.Failed("Mail is not configured: save a server and a sender address first.");
        }
        var to = recipient!.Trim();
        const string text = "This is a test mail from Lucy Portal. If you can read it, the portal can send security notices, password reset links and invitations.";
        var mime = OutboxDelivery.MimeOf(server.Settings, to, "Lucy Portal: test mail",
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
