using System.Globalization;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>Builds the otpauth:// Key URI Format that authenticator apps read from a QR code.</summary>
internal static class KeyUriFormat
{
    public static string For(string issuer, string accountName, string base32Key)
    {
        var escapedIssuer = Uri.EscapeDataString(issuer);
        // The issuer goes both in the label prefix (older apps) and as a parameter (current apps).
        return string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{escapedIssuer}:{Uri.EscapeDataString(accountName)}?secret={base32Key}&issuer={escapedIssuer}&algorithm=SHA1&digits={TotpAlgorithm.Digits}&period={TotpAlgorithm.StepSeconds}");
    }
}
