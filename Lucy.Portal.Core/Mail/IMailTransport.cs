using MimeKit;

namespace Lucy.Portal.Core.Mail;

/// <summary>Hands one message to the SMTP server.</summary>
public interface IMailTransport
{
    Task<MailSendResult> SendAsync(MailSettingsSnapshot settings, string? password, MimeMessage message, CancellationToken ct);
}

/// <summary>The server's answer: accepted (with its reply text) or why not.</summary>
public sealed record MailSendResult(bool Succeeded, string Answer)
{
    public static MailSendResult Accepted(string answer) => new(true, answer);

    public static MailSendResult Failed(string reason) => new(false, reason);
}
