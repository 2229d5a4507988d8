using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Accounts;

/// <summary>What a counted password check found.</summary>
public enum CountedPasswordResult
{
    Accepted,
    /// <summary>Checked and wrong.</summary>
    Wrong,
    /// <summary>Checked and wrong, and the account is locked now: every session of the user has ended.</summary>
    WrongAndLockedOut,
    /// <summary>Not checked (the allowance is spent), or right but the account was locked by a parallel check meanwhile.</summary>
    LockedOut,
}

/// <summary>
/// A signed-in user's password typed again (step-up, change password): counted before it is checked (AccountLockout), so
/// parallel tabs get no more checks than the allowance, and a lockout it reaches ends every session at once.
/// Identity's own checks outside sign-in (CheckPasswordAsync, ChangePasswordAsync) count nothing.
/// </summary>
public sealed class CountedPasswordCheck(UserManager<PortalUser> users, CountedCodeCheck counted)
{
    public async Task<CountedPasswordResult> CheckAsync(PortalUser user, string? password, CancellationToken ct = default)
    {
        var check = await counted.RunAsync(user,
            async _ => !string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password),
            right => right ? CodeVerdict.Right : CodeVerdict.Wrong, ct);
        switch (check.Outcome)
        {
            case CountedCheckOutcome.Right:
                return CountedPasswordResult.Accepted;
            case CountedCheckOutcome.Wrong:
                return CountedPasswordResult.Wrong;
            case CountedCheckOutcome.WrongAndLockedOut:
                return CountedPasswordResult.WrongAndLockedOut;
            default:
                return CountedPasswordResult.LockedOut;
        }
    }
}
