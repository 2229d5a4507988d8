using System.Security.Cryptography;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// Recovery codes look like "K7MQ2-XW9RD": 10 characters from a 32-character alphabet (50 bits), without 0/O and 1/I
/// so they survive being read off paper. Input is accepted in any case, with or without the dash or spaces.
/// </summary>
internal static class RecoveryCodeFormat
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 10;
    private const int GroupLength = 5;

    public static string Create()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Length);
        return string.Concat(code.AsSpan(0, GroupLength), "-", code.AsSpan(GroupLength));
    }

    /// <summary>The canonical form that is hashed, or null when the input cannot be a recovery code.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null)
        {
            return null;
        }
        var characters = OneTimeCodeFormat.StripSeparators(input).Select(char.ToUpperInvariant).ToArray();
        if (characters.Length != Length || !characters.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }
        return new string(characters);
    }
}
