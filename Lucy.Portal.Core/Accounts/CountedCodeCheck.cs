using Lucy.Portal.Core.Sessions;

namespace Lucy.Portal.Core.Accounts;

/// <summary>What one check of a typed code or password found, as the count sees it.</summary>
public enum CodeVerdict
{
    Right,
    /// <summary>A guess that failed: it counts toward lockout.</summary>
    Wrong,
    /// <summary>Nothing was guessed (the provider was down, no code was pending): the attempt is taken back.</summary>
    NotAGuess,
}

public enum CountedCheckOutcome
{
    Right,
    Wrong,
    /// <summary>Wrong, and this failure (or a parallel one) locked the account: every session of the user has ended.</summary>
    WrongAndLockedOut,
    /// <summary>Not checked because the allowance was spent, or right but locked by a parallel failure meanwhile.</summary>
    LockedOut,
    NotAGuess,
}

/// <summary>The outcome, and what the check returned when it was made (<see cref="Checked"/>).</summary>
public readonly record struct CountedCheck<T>(CountedCheckOutcome Outcome, T? Result, bool Checked);

/// <summary>
/// One place for the rule every code or password a signed-in user types obeys (step-up, a factor's first code, a new
/// number's code, the password typed again): the attempt is counted before it is checked (<see cref="AccountLockout"/>),
/// so parallel tabs and instances never get more checks, by the portal or by the provider, than one lockout allows.
/// A lockout it reaches ends every session of the user at once, before anything else (a stolen session that guessed is
/// out); the audit stays with the caller, who knows what was being proved. What a right
/// code allows is done by the caller after <see cref="CountedCheckOutcome.Right"/>, never inside the check, since a
/// parallel failure may lock the account between the check and the count's settlement. The check itself may only use
/// the code up (a redeemed recovery code, a TOTP step marked used), which such a refusal then wastes, as at the prompt.
/// </summary>
public sealed class CountedCodeCheck(AccountLockout lockout, LockedOutSessions lockedOut)
{
    /// <remarks>A check that throws stays counted: it may have reached the provider.</remarks>
    public async Task<CountedCheck<T>> RunAsync<T>(
        PortalUser user, Func<CancellationToken, Task<T>> check, Func<T, CodeVerdict> judge, CancellationToken ct = default)
    {
        var userId = user.Id;
        if ((await lockout.BeginAttemptAsync(userId, ct)).LockedOut)
        {
            return new(CountedCheckOutcome.LockedOut, default, Checked: false);
        }
        var result = await check(ct);
        switch (judge(result))
        {
            case CodeVerdict.Right:
                return new(await lockout.SucceedAttemptAsync(userId, ct) ? CountedCheckOutcome.Right : CountedCheckOutcome.LockedOut, result, Checked: true);
            case CodeVerdict.Wrong:
                if (!(await lockout.FailAttemptAsync(userId, ct)).LockedOut)
                {
                    return new(CountedCheckOutcome.Wrong, result, Checked: true);
                }
                await lockedOut.EndAsync(user, ct);
                return new(CountedCheckOutcome.WrongAndLockedOut, result, Checked: true);
            default:
                await lockout.RefundAttemptAsync(userId, ct);
                return new(CountedCheckOutcome.NotAGuess, result, Checked: true);
        }
    }
}
