namespace Lucy.Portal.Core.Mail;

/// <summary>The mail settings as the UI sees them: the password only as "set or not".</summary>
public sealed record MailSettingsSnapshot
{
    public string? Host { get; init; }
    public int Port { get; init; } = MailSettingsRules.DefaultPort;
    public MailSecurity Security { get; init; } = MailSecurity.StartTls;
    public string? UserName { get; init; }
    public bool HasPassword { get; init; }
    public string? SenderAddress { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }

    public static MailSettingsSnapshot NotConfigured { get; } = new();

    /// <summary>True when the portal sends mail: a server and a sender address are set.</summary>
    public bool IsConfigured => Host is not null && SenderAddress is not null;
}

/// <summary>The settings with the password decrypted, for the transport only.</summary>
internal sealed record MailServer(MailSettingsSnapshot Settings, string? Password);
