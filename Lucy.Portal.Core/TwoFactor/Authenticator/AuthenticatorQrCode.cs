using QRCoder;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>Renders an otpauth URI as a PNG QR code data URI, so the UI needs no JavaScript QR library.</summary>
internal static class AuthenticatorQrCode
{
    private const int PixelsPerModule = 5;

    public static string ToPngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(PixelsPerModule));
    }
}
