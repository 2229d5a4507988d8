using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>What "Sign in with a passkey" decided; <see cref="User"/> is set only when the sign-in may complete.</summary>
public sealed record PasswordlessOutcome(PortalUser? User, bool LockedOut = false, DateTimeOffset? LockedUntil = default)
{
    public static PasswordlessOutcome Refused { get; } = new(User: null);
}

/// <summary>
/// Passwordless sign-in: a passkey with user verification is something the user has and something they know or are,
/// so it satisfies both factors. It still honours lockout (a locked account stays locked), needs 2FA switched on (a
/// passkey left over from an unfinished setup signs no one in), and is audited. The web endpoint completes the sign-in
/// the way the token prompt's grant does (session, claims, forced password change).
/// </summary>
public sealed class PasswordlessSignIn(
    AccountLockout lockout,
    UserManager<PortalUser> users,
    PasskeyRegistry passkeys,
    AuditLog audit)
{
    /// <summary>
    /// Decides on an assertion Identity checked. A refused assertion names no user reliably (its user handle is
    /// unverified), so nothing is counted against an account; the endpoint's rate limit caps attempts per address.
    /// </summary>
    public async Task<PasswordlessOutcome> ConcludeAsync(PasskeyAssertionResult<PortalUser> assertion, string? ipAddress, CancellationToken ct = default)
    {
        if (!assertion.Succeeded)
        {
            await RefuseAsync(null, ipAddress, assertion.Failure.Message, ct);
            return PasswordlessOutcome.Refused;
        }
        var user = await lockout.FreshUserAsync(assertion.User.Id, ct);
        if (user is null || !await users.GetTwoFactorEnabledAsync(user))
        {
            await RefuseAsync(user, ipAddress, "2FA is not on for the account", ct);
            return PasswordlessOutcome.Refused;
        }
        var state = await lockout.ReadAsync(user.Id, ct);
        if (state.LockedOut)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.LockedOut, AuditOutcome.Failure)
            {
                ActorId = user.Id,
                ActorEmail = user.Email,
                IpAddress = ipAddress,
                Detail = "passkey sign-in",
            }, ct);
            return new PasswordlessOutcome(null, LockedOut: true, state.LockoutEnd);
        }
        if (!await passkeys.RecordUseAsync(user, assertion.Passkey, ct))
        {
            // Removed in another tab while its answer was checked.
            return PasswordlessOutcome.Refused;
        }
        // Both factors passed: earlier failures are disregarded, as after any complete sign-in.
        await lockout.ResetAsync(user.Id, ct);
        await audit.WriteAsync(new AuditEntry(AuditEvents.LoginSecondFactor, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ipAddress,
            Detail = "Passkey: passwordless",
        }, ct);
        return new PasswordlessOutcome(user);
    }

    private Task RefuseAsync(PortalUser? user, string? ipAddress, string reason, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(PasskeyAuditEvents.PasswordlessRefused, AuditOutcome.Failure)
        {
            ActorId = user?.Id,
            ActorEmail = user?.Email,
            IpAddress = ipAddress,
            Detail = reason.Length > 200 ? reason[..200] : reason,
        }, ct);
}
