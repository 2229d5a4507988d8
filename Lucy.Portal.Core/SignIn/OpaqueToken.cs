using System.Security.Cryptography;
using System.Text;

namespace Lucy.Portal.Core.SignIn;

/// <summary>256-bit random tokens for challenges and grants; the database keeps only their SHA-256.</summary>
internal static class OpaqueToken
{
    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
