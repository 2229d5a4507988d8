namespace Lucy.Portal.Core.Mail;

/// <summary>
/// One mail waiting for, or done with, the SMTP server. The body is a Data Protection payload (a reset or invitation
/// link is a secret while it waits) and is wiped once the server took the message.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? ProtectedBody { get; set; }
    /// <summary>What the mail is for: a notice kind, "PasswordReset", "Invitation".</summary>
    public string Purpose { get; set; } = "";
    public string? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Set while one sender (of possibly several instances) holds the message; expires if that sender dies.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Set when the sender stopped retrying; the message then shows as undelivered.</summary>
    public DateTimeOffset? GaveUpAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A mail to queue: plain text and HTML of the same content.</summary>
public sealed record OutgoingMail(string To, string Subject, string TextBody, string HtmlBody, string Purpose)
{
    public string? UserId { get; init; }
}
