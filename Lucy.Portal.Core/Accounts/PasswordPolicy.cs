using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Length-based password rules as NIST SP 800-63B and OWASP ASVS ask: a minimum length,
/// no composition rules (Identity's defaults impose them, so they are switched off here).
/// </summary>
public static class PasswordPolicy
{
    public const int DefaultMinimumLength = 12;

    public static void Apply(PasswordOptions options, int minimumLength = DefaultMinimumLength)
    {
        options.RequiredLength = minimumLength;
        options.RequireDigit = false;
        options.RequireLowercase = false;
        options.RequireUppercase = false;
        options.RequireNonAlphanumeric = false;
        options.RequiredUniqueChars = 1;
    }
}
