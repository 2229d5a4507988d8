using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lucy.Portal.Core.Mail;

/// <summary>SMTP through MailKit: one connection per message, the configured security enforced (STARTTLS is required, not opportunistic).</summary>
public sealed class SmtpMailTransport(IOptions<MailTransportOptions> options) : IMailTransport
{
    public async Task<MailSendResult> SendAsync(MailSettingsSnapshot settings, string? password, MimeMessage message, CancellationToken ct)
    {
        if (!settings.IsConfigured)
        {
            return MailSendResult.Failed("Mail is not configured.");
        }
        using var client = new SmtpClient { Timeout = options.Value.TimeoutSeconds * 1000 };
        client.ServerCertificateValidationCallback = AcceptCertificate;
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, SocketOptionsFor(settings.Security), ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, password ?? "", ct);
            }
            var answer = await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
            return MailSendResult.Accepted(string.IsNullOrWhiteSpace(answer) ? "Accepted." : answer.Trim());
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException
            or SslHandshakeException or SocketException or IOException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or NotSupportedException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return MailSendResult.Failed(Describe(e));
        }
    }

    private static SecureSocketOptions SocketOptionsFor(MailSecurity security) => security switch
    {
        MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    private bool AcceptCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        var pinned = options.Value.PinnedCertificateSha256;
        return certificate is not null && !string.IsNullOrWhiteSpace(pinned)
            && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())),
                pinned.Replace(":", "", StringComparison.Ordinal).Trim(), StringComparison.OrdinalIgnoreCase);
    }

    // The server's own words where it gave some; never the password.
    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException command => $"The server refused: {(int)command.StatusCode} {command.Message}",
        AuthenticationException => "The server refused the username or password.",
        SslHandshakeException => "The TLS handshake failed (the certificate is not trusted, or the server does not speak TLS on this port).",
        SocketException socket => $"Cannot connect: {socket.Message}",
        OperationCanceledException or TimeoutException => "The server did not answer in time.",
        NotSupportedException => "The server does not offer STARTTLS; choose TLS or None.",
        _ => e.Message,
    };
}
