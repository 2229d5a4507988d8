using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Accounts;

/// <summary>The outcome of an account operation: success, or the messages to show next to the form.</summary>
public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static AccountResult Success { get; } = new(true, []);

    public static AccountResult Failed(params string[] errors) => new(false, errors);

    public static AccountResult From(IdentityResult result) =>
        result.Succeeded ? Success : new(false, result.Errors.Select(e => e.Description).ToList());
}
