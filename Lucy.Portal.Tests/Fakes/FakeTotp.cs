using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>RFC 6238 TOTP (HMAC-SHA1) as the fake's per-user token source; 7 digits like Authy app tokens.</summary>
public static class FakeTotp
{
    public const int Digits = 7;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Compute(byte[] seed, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its weakness for signatures does not apply to HOTP.
        var hash = HMACSHA1.HashData(seed, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF;
        var code = binary % (int)Math.Pow(10, Digits);
        return code.ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0');
    }
}
