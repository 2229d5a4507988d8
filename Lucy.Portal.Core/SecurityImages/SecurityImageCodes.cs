using System.Security.Cryptography;
using System.Text;

namespace Lucy.Portal.Core.SecurityImages;

/// <summary>Where the characters of a new security image come from; tests wrap it to learn the answer without reading the page.</summary>
public interface ISecurityImageCodes
{
    string Next();
}

/// <summary>Random characters from an alphabet without look-alikes (no 0/O/D/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V).</summary>
public sealed class RandomSecurityImageCodes : ISecurityImageCodes
{
    public const string Alphabet = "ACEFHKMNPRTWXY347";
    public const int Length = 5;

    public string Next() => RandomNumberGenerator.GetString(Alphabet, Length);
}

/// <summary>How answers are compared: case and spaces do not matter, and only hashes are compared, in constant time.</summary>
public static class SecurityImageAnswerHash
{
    public static byte[] Of(string challengeId, string? answer)
    {
        var normalised = new string((answer ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return SHA256.HashData(Encoding.UTF8.GetBytes(challengeId + ":" + normalised));
    }

    public static bool Matches(byte[] expected, string challengeId, string? answer) =>
        CryptographicOperations.FixedTimeEquals(expected, Of(challengeId, answer));
}
