using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// The only password length rule: the minimum from the current settings, so a change applies without a restart, and
/// never below <see cref="SettingsDefaults.PasswordMinimumLengthFloor"/>. Identity's static RequiredLength is 0, so a
/// short password is told the effective minimum once.
/// </summary>
internal sealed class SettingsMinimumLengthPasswordValidator(AdvancedSettingsCache cache) : IPasswordValidator<PortalUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        var minimum = Math.Max((await cache.GetAsync()).PasswordMinimumLength, SettingsDefaults.PasswordMinimumLengthFloor);
        return (password?.Length ?? 0) >= minimum
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooShort",
                Description = SettingsStrings.Password_MinimumLength(minimum),
            });
    }
}
