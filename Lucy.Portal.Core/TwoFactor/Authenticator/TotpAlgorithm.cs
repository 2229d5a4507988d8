using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>RFC 6238 time-based one-time passwords as authenticator apps compute them: HMAC-SHA1, 6 digits, 30 s steps.</summary>
public static class TotpAlgorithm
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>How many steps either side of the server's current step a code may come from (RFC 6238 §5.2 recommends one).</summary>
    public const int ToleratedSteps = 1;

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public static string Compute(ReadOnlySpan<byte> seed, long step)
    {
        Span<byte> counter = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 with SHA1 is what every authenticator app computes; HMAC-SHA1 is not weakened by SHA1 collisions.
        HMACSHA1.HashData(seed, counter, hash);
#pragma warning restore CA5350

        // Dynamic truncation, RFC 4226 §5.3.
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The step within the tolerated window whose code equals <paramref name="code"/>, or null when none does.</summary>
    public static long? MatchStep(ReadOnlySpan<byte> seed, string code, long currentStep)
    {
        var typed = Normalize(code);
        if (typed is null)
        {
            return null;
        }
        long? matched = null;
        // Every candidate is computed and compared in constant time, so timing says nothing about which step matched.
        for (var step = currentStep - ToleratedSteps; step <= currentStep + ToleratedSteps; step++)
        {
            var expected = Encoding.ASCII.GetBytes(Compute(seed, step));
            if (CryptographicOperations.FixedTimeEquals(expected, typed) && matched is null)
            {
                matched = step;
            }
        }
        return matched;
    }

    // Apps display codes as "123 456"; people also paste them with a dash.
    private static byte[]? Normalize(string? code)
    {
        if (code is null)
        {
            return null;
        }
        var digits = OneTimeCodeFormat.StripSeparators(code);
        if (digits.Length != Digits || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        return Encoding.ASCII.GetBytes(digits);
    }
}
