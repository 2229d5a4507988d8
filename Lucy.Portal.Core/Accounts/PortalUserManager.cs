using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Identity's UserManager with lockout limits read from Advanced Settings at each failure, and recovery codes kept hashed in <see cref="RecoveryCodeStore"/> instead of the default
/// plaintext user token, so SignInManager.TwoFactorRecoveryCodeSignInAsync works unchanged (SP 800-63B §3.1.2, ASVS 2.6).
/// </summary>
public class PortalUserManager(
    IUserStore<PortalUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<PortalUser> passwordHasher,
    IEnumerable<IUserValidator<PortalUser>> userValidators,
    IEnumerable<IPasswordValidator<PortalUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<PortalUser>> logger,
    RecoveryCodeStore recoveryCodes,
    AdvancedSettingsCache settings,
    AccountLockout lockout)
    : UserManager<PortalUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>NIST SP 800-63B: no more than 100 consecutive failed attempts on one account, ever.</summary>
    public const int MaxConsecutiveFailures = 100;

    // The count lives in the database and changes only through AccountLockout's single statements: a copy of the user
    // held by a long-lived context (a token prompt) can never count from a stale value or lose a parallel failure.
    public override async Task<IdentityResult> AccessFailedAsync(PortalUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        // Identity reads its options once at start-up; the lockout policy is edited live in Advanced Settings.
        Options = WithLockout(Options, await settings.GetAsync(CancellationToken));
        var counted = await lockout.CountFailureAsync(user.Id, CancellationToken);
        await lockout.RefreshAsync(user, CancellationToken);
        // Not written means not counted: callers (SignInManager included) then refuse the sign-in.
        return counted ? IdentityResult.Success : IdentityResult.Failed(ErrorDescriber.ConcurrencyFailure());
    }

    public override async Task<IdentityResult> ResetAccessFailedCountAsync(PortalUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var reset = await lockout.ResetAsync(user.Id, CancellationToken);
        await lockout.RefreshAsync(user, CancellationToken);
        return reset ? IdentityResult.Success : IdentityResult.Failed(ErrorDescriber.ConcurrencyFailure());
    }

    /// <summary>Reads the lockout from the database, never from a copy of the user that may be minutes old.</summary>
    public override async Task<bool> IsLockedOutAsync(PortalUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        // A user that no longer exists is as good as locked out.
        return !await lockout.RefreshAsync(user, CancellationToken) || await base.IsLockedOutAsync(user);
    }

    /// <summary>An administrator's unlock: ends the lockout and forgets every failure.</summary>
    public async Task<IdentityResult> UnlockAsync(PortalUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var unlocked = await lockout.UnlockAsync(user.Id, CancellationToken);
        await lockout.RefreshAsync(user, CancellationToken);
        return unlocked ? IdentityResult.Success : IdentityResult.Failed(ErrorDescriber.ConcurrencyFailure());
    }

    private static IdentityOptions WithLockout(IdentityOptions options, AdvancedSettingsSnapshot current) => new()
    {
        ClaimsIdentity = options.ClaimsIdentity,
        User = options.User,
        Password = options.Password,
        SignIn = options.SignIn,
        Tokens = options.Tokens,
        Stores = options.Stores,
        Lockout = new LockoutOptions
        {
            AllowedForNewUsers = options.Lockout.AllowedForNewUsers,
            MaxFailedAccessAttempts = current.MaxFailedAccessAttempts,
            DefaultLockoutTimeSpan = current.LockoutDuration,
        },
    };

    public override async Task<IEnumerable<string>?> GenerateNewTwoFactorRecoveryCodesAsync(PortalUser user, int number)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        return await recoveryCodes.ReplaceAsync(user, number, CancellationToken);
    }

    public override async Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(PortalUser user, string code)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        // SignInManager checks neither lockout nor failures on this path ("codes are expected to be random");
        // SP 800-63B §3.1.2.2 still asks for rate limiting, so recovery guesses count like wrong OTPs.
        if (SupportsUserLockout && await IsLockedOutAsync(user))
        {
            return IdentityResult.Failed(new IdentityError { Code = "UserLockedOut", Description = AccountStrings.User_LockedOut });
        }
        if (await recoveryCodes.RedeemAsync(user, code, CancellationToken) == RecoveryCodeRedemption.Redeemed)
        {
            return IdentityResult.Success;
        }
        if (SupportsUserLockout)
        {
            await AccessFailedAsync(user);
        }
        return IdentityResult.Failed(ErrorDescriber.RecoveryCodeRedemptionFailed());
    }

    public override Task<int> CountRecoveryCodesAsync(PortalUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        return recoveryCodes.CountRemainingAsync(user, CancellationToken);
    }
}
