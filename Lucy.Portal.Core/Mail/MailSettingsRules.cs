using System.Net.Mail;

namespace Lucy.Portal.Core.Mail;

/// <summary>The rule of each mail field: null when acceptable, else the message to show next to it.</summary>
public static class MailSettingsRules
{
    public const int DefaultPort = 587;
    public const int HostMaxLength = 253;
    public const int CredentialMaxLength = 256;
    public const int AddressMaxLength = 256;

    public static string? Host(string? host, string? senderAddress)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return string.IsNullOrWhiteSpace(senderAddress) ? null : "Enter the SMTP server, or clear the sender address to turn mail off.";
        }
        var trimmed = host.Trim();
        return trimmed.Length <= HostMaxLength && Uri.CheckHostName(trimmed) != UriHostNameType.Unknown
            ? null
            : "Enter a host name or address such as smtp.example.com (no scheme, no port).";
    }

    public static string? Port(int port) => port is >= 1 and <= 65535 ? null : "Enter a port from 1 to 65535.";

    public static string? Credential(string? value) =>
        value is { Length: > CredentialMaxLength } ? $"At most {CredentialMaxLength} characters." : null;

    public static string? SenderAddress(string? address, string? host)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return string.IsNullOrWhiteSpace(host) ? null : "Enter the address mail comes from, e.g. portal@example.com.";
        }
        return IsAddress(address) ? null : "Enter one email address, e.g. portal@example.com.";
    }

    public static string? TestRecipient(string? address) =>
        IsAddress(address) ? null : "Enter the address to send the test mail to.";

    internal static bool IsAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > AddressMaxLength)
        {
            return false;
        }
        var trimmed = address.Trim();
        // One bare address: no display name, no list, no header injection.
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed
            && !trimmed.Contains('\r', StringComparison.Ordinal) && !trimmed.Contains('\n', StringComparison.Ordinal);
    }
}
