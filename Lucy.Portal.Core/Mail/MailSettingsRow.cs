namespace Lucy.Portal.Core.Mail;

/// <summary>How the portal reaches its SMTP server: a single row, apart from the advanced settings row so mail has one owner.</summary>
public sealed class MailSettingsRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public string? Host { get; set; }
    public int Port { get; set; } = MailSettingsRules.DefaultPort;
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
    public string? UserName { get; set; }
    /// <summary>A Data Protection payload; read through <see cref="MailSecretProtector"/>.</summary>
    public string? ProtectedPassword { get; set; }
    public string? SenderAddress { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP: only for a catcher or relay on the same host or network.</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS (usually port 587); refused if the server does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}
