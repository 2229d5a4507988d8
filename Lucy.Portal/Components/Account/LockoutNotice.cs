using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Lucy.Portal.Components.Account;

/// <summary>
/// Carries the unlock time to the lockout page in its link, protected, so a crafted link cannot show someone a false
/// time; a protected value is good for an hour (long enough for the redirect and a reload, not a phishing mail).
/// </summary>
internal sealed class LockoutNotice(IDataProtectionProvider dataProtection)
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("Lucy.Portal.LockoutNotice").ToTimeLimitedDataProtector();

    /// <summary>The lockout page, naming the unlock time when it is known.</summary>
    public string PageFor(DateTimeOffset? lockedUntil) =>
        lockedUntil is { } until
            ? "Account/Lockout?until=" + Uri.EscapeDataString(
                _protector.Protect(until.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), LinkLifetime))
            : "Account/Lockout";

    /// <summary>The unlock time from a link this portal made; null for a missing, altered or expired value.</summary>
    public DateTimeOffset? Read(string? until)
    {
        if (string.IsNullOrEmpty(until))
        {
            return null;
        }
        try
        {
            return long.TryParse(_protector.Unprotect(until), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
