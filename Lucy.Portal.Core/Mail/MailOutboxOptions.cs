using System.ComponentModel.DataAnnotations;

namespace Lucy.Portal.Core.Mail;

/// <summary>How the outbox sender retries (section "Mail:Outbox").</summary>
public sealed class MailOutboxOptions
{
    public const string Section = "Mail:Outbox";

    /// <summary>How often the sender looks for due mail when nothing new was queued on this instance.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="MaxRetrySeconds"/>.</summary>
    [Range(1, 86_400)]
    public int FirstRetrySeconds { get; set; } = 30;

    [Range(1, 86_400)]
    public int MaxRetrySeconds { get; set; } = 3600;

    /// <summary>Attempts before a message is given up and shown as undelivered (30 s doubling to 1 h: about a day).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 30;

    /// <summary>How long one sender holds a claimed message before another instance may take it over.</summary>
    [Range(10, 3600)]
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>Delay before attempt <paramref name="failures"/>+1: first, doubled per failure, capped.</summary>
    public TimeSpan BackoffAfter(int failures)
    {
        var seconds = FirstRetrySeconds * Math.Pow(2, Math.Max(0, failures - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetrySeconds));
    }
}

/// <summary>Transport options (section "Mail").</summary>
public sealed class MailTransportOptions
{
    public const string Section = "Mail";

    /// <summary>
    /// SHA-256 thumbprint (hex) of a server certificate to accept although no trusted authority issued it: a private
    /// relay's self-signed certificate. Certificates that validate normally are always accepted; nothing else is.
    /// </summary>
    public string? PinnedCertificateSha256 { get; set; }

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The portal's public address (e.g. https://portal.example.com) for links in mail. Unset, links use the address
    /// the request came to, so set it (or AllowedHosts) in production: a forged Host header must not choose the link.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The absolute URL of a portal page for a mailed link.</summary>
    public string LinkTo(string requestBaseUri, string page) =>
        (string.IsNullOrWhiteSpace(PublicBaseUrl) ? requestBaseUri : PublicBaseUrl).TrimEnd('/') + "/" + page.TrimStart('/');
}
