namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// What the enrollment wizard shows once: the key for manual entry, the otpauth URI and its QR code.
/// A class rather than a record so that logging it never prints the key.
/// </summary>
public sealed class AuthenticatorSetup
{
    /// <summary>The Base32 seed in groups of four, e.g. "GEZD GNBV ...".</summary>
    public required string ManualEntryKey { get; init; }

    /// <summary>otpauth://totp/Lucy:{email}?secret=...&amp;issuer=Lucy&amp;algorithm=SHA1&amp;digits=6&amp;period=30</summary>
    public required string OtpauthUri { get; init; }

    /// <summary>The URI as a QR code: "data:image/png;base64,...", ready for an img src.</summary>
    public required string QrCodeDataUri { get; init; }

    internal static AuthenticatorSetup For(string accountName, ReadOnlySpan<byte> seed)
    {
        var key = Base32.Encode(seed);
        var uri = KeyUriFormat.For(AuthenticatorEnrollment.Issuer, accountName, key);
        return new AuthenticatorSetup
        {
            ManualEntryKey = string.Join(' ', key.Chunk(4).Select(group => new string(group))),
            OtpauthUri = uri,
            QrCodeDataUri = AuthenticatorQrCode.ToPngDataUri(uri),
        };
    }
}
