using System.Security.Cryptography;
using System.Text;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a per-code random salt. SP 800-63B allows a small work factor for look-up secrets;
/// a redemption hashes up to ten codes, so the count is kept low enough for an interactive login.
/// </summary>
internal static class RecoveryCodeHasher
{
    public const int SaltBytes = 16;
    public const int HashBytes = 32;
    private const int Iterations = 10_000;

    public static (byte[] Salt, byte[] Hash) Hash(string normalizedCode)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return (salt, Derive(normalizedCode, salt));
    }

    public static bool Matches(string normalizedCode, byte[] salt, byte[] hash) =>
        CryptographicOperations.FixedTimeEquals(Derive(normalizedCode, salt), hash);

    private static byte[] Derive(string normalizedCode, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(normalizedCode), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
}
