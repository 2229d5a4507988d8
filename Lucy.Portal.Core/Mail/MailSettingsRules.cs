using System.Net.Mail;
using Lucy.Portal.Core.Resources;

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
            return string.IsNullOrWhiteSpace(senderAddress) ? null : SettingsStrings.Mail_ServerRequired;
        }
        var trimmed = host.Trim();
        return trimmed.Length <= HostMaxLength && Uri.CheckHostName(trimmed) != UriHostNameType.Unknown
            ? null
            : SettingsStrings.Mail_HostFormat;
    }

    public static string? Port(int port) => port is >= 1 and <= 65535 ? null : SettingsStrings.Mail_Port;

    public static string? Credential(string? value) =>
        value is { Length: > CredentialMaxLength } ? SettingsStrings.AtMostCharacters(CredentialMaxLength) : null;

    public static string? SenderAddress(string? address, string? host)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return string.IsNullOrWhiteSpace(host) ? null : SettingsStrings.Mail_SenderRequired;
        }
        return IsAddress(address) ? null : SettingsStrings.Mail_OneAddress;
    }

    public static string? TestRecipient(string? address) =>
        IsAddress(address) ? null : SettingsStrings.Mail_TestRecipient;

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
