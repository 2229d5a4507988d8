using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// Enforces the minimum password length from the current settings, so a change applies without a restart.
/// Identity's static RequiredLength stays at the floor of 8 (<see cref="SettingsDefaults.PasswordMinimumLengthFloor"/>).
/// </summary>
internal sealed class SettingsMinimumLengthPasswordValidator(AdvancedSettingsCache cache) : IPasswordValidator<PortalUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        var minimum = (await cache.GetAsync()).PasswordMinimumLength;
        return (password?.Length ?? 0) >= minimum
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooShort",
                Description = $"Passwords must be at least {minimum} characters.",
            });
    }
}
