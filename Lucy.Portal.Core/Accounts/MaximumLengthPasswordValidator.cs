using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Caps password length well above NIST's 64-character floor so that a megabyte-long "password"
/// cannot be used to burn CPU on hashing. Nothing is ever truncated.
/// </summary>
public sealed class MaximumLengthPasswordValidator : IPasswordValidator<PortalUser>
{
    public const int MaximumLength = 256;

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password) =>
        Task.FromResult(password is { Length: > MaximumLength }
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = SettingsStrings.Password_MaximumLength(MaximumLength),
            })
            : IdentityResult.Success);
}
