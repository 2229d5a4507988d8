using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// The backend of the token prompt: which methods a pending user has, and one code check at a time.
/// Every failure of every factor counts toward Identity lockout; nothing signs in on an error.
/// Each check is counted before it is made (<see cref="AccountLockout"/>), so parallel tabs share one allowance.
/// </summary>
public sealed class TwoFactorLogin(
    SignInChallenges challenges,
    UserManager<PortalUser> users,
    SecondFactorMethods methods,
    UserFactors factors,
    AdvancedSettingsCache settings,
    AccountLockout lockout,
    OtpDeliveryLimiter sendLimiter,
    PasskeyRegistry passkeys,
    PasskeyCeremony passkeyCeremony,
    AuditLog audit,
    Notifications.OnceNotices notices)
{
    public async Task<TwoFactorPrompt?> GetPromptAsync(string? challengeToken, CancellationToken ct = default)
    {
        var user = await FindPendingUserAsync(challengeToken, ct);
        return user is null ? null : await GetPromptAsync(user, ct);
    }

    /// <summary>The prompt for a user this request just read, whose challenge it just opened (the prompt page).</summary>
    public async Task<TwoFactorPrompt> GetPromptAsync(PortalUser user, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        return new TwoFactorPrompt(user.Id, user.Email ?? "", await OffersDefaultFirstAsync(user, ct), await users.CountRecoveryCodesAsync(user),
            current.RememberDeviceAllowed, current.RememberDeviceDays)
        {
            MaskedPhone = PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode),
            Sends = await sendLimiter.GetAllowanceAsync(user.Id, ct),
        };
    }

    /// <summary>
    /// One code check through the seam: the method only says what the code is; counting (before the check, so
    /// parallel tabs share one allowance), refunds, lockout, audit and the grant are decided here, the same for every method.
    /// </summary>
    public async Task<TwoFactorLoginResult> VerifyCodeAsync(
        string? challengeToken, EnrollmentMethod method, string? code, bool rememberDevice, string? ipAddress, CancellationToken ct = default)
    {
        var user = await FindPendingUserAsync(challengeToken, ct);
        if (user is null)
        {
            return TwoFactorLoginResult.Expired;
        }
        if (methods.Find(method) is not { } factor || !factor.Capabilities.HasFlag(FactorCapabilities.Code))
        {
            return TwoFactorLoginResult.NotAvailable;
        }
        if (factor.NormalizeCode(code) is not { } normalized)
        {
            return TwoFactorLoginResult.Malformed(factor.MalformedMessage);
        }
        AttemptAdmission attempt;
        try
        {
            attempt = await lockout.BeginAttemptAsync(user.Id, ct);
        }
        catch (DbException)
        {
            // Fail closed: a check that cannot be counted is not made.
            return NotChecked;
        }
        if (attempt.LockedOut)
        {
            return await LockedAsync(user, method, attempt.LockoutEnd, ipAddress, ct);
        }

        var outcome = await factor.CheckCodeAsync(user, normalized, ct);
        return await ConcludeAsync(user, challengeToken!, method, outcome, rememberDevice, ipAddress, ct);
    }

    /// <summary>
    /// Options asking the browser for one of the pending user's passkeys; the returned state (its challenge) stays with
    /// the prompt on the server and is used once by <see cref="VerifyPasskeyAsync"/>. Null when the login expired.
    /// </summary>
    public async Task<PendingPasskey?> BeginPasskeyAsync(string? challengeToken, CancellationToken ct = default)
    {
        var user = await FindPendingUserAsync(challengeToken, ct);
        return user is null || !await passkeys.HasAnyAsync(user) ? null : await passkeyCeremony.BeginAssertionAsync(user);
    }

    /// <summary>
    /// Checks the browser's passkey assertion for the pending user under the same rules as a code (counted before the
    /// check, lockout, audit, grant): a refused assertion (wrong origin or relying party, another user's passkey, a
    /// replayed counter, a bad signature) is a failed attempt.
    /// </summary>
    public async Task<TwoFactorLoginResult> VerifyPasskeyAsync(
        string? challengeToken, PendingPasskey? pending, string? credentialJson, bool rememberDevice, string? ipAddress, CancellationToken ct = default)
    {
        var user = await FindPendingUserAsync(challengeToken, ct);
        if (user is null)
        {
            return TwoFactorLoginResult.Expired;
        }
        if (methods.Find(EnrollmentMethod.Passkey) is not { } factor || !factor.Capabilities.HasFlag(FactorCapabilities.Assertion))
        {
            return TwoFactorLoginResult.NotAvailable;
        }
        if (pending is null || string.IsNullOrWhiteSpace(credentialJson))
        {
            return TwoFactorLoginResult.Malformed(SignInStrings.Login_PasskeyNoAnswer);
        }
        AttemptAdmission attempt;
        try
        {
            attempt = await lockout.BeginAttemptAsync(user.Id, ct);
        }
        catch (DbException)
        {
            return NotChecked;
        }
        if (attempt.LockedOut)
        {
            return await LockedAsync(user, EnrollmentMethod.Passkey, attempt.LockoutEnd, ipAddress, ct);
        }
        if (!await factor.IsEnrolledAsync(user, ct))
        {
            return await ConcludeAsync(user, challengeToken!, EnrollmentMethod.Passkey, FactorCheckOutcome.NotAvailable, rememberDevice, ipAddress, ct);
        }
        var assertion = await passkeyCeremony.VerifyAssertionAsync(pending, credentialJson);
        var outcome = FactorCheckOutcome.Wrong;
        // A passkey removed in another tab while its answer was checked signs nobody in.
        if (assertion.Succeeded && assertion.User.Id == user.Id && await passkeys.RecordUseAsync(user, assertion.Passkey, ct))
        {
            outcome = FactorCheckOutcome.Accepted;
        }
        return await ConcludeAsync(user, challengeToken!, EnrollmentMethod.Passkey, outcome, rememberDevice, ipAddress,
            assertion.Succeeded ? "another user's passkey" : assertion.Failure.Message, ct);
    }

    /// <summary>The seam's offers with the user's default factor first and their own names; the fallback stays last.</summary>
    private async Task<IReadOnlyList<FactorOffer>> OffersDefaultFirstAsync(PortalUser user, CancellationToken ct)
    {
        var offers = await methods.OffersAsync(user, ct);
        var registry = await factors.ListAsync(user, ct);
        var defaultMethod = registry.FirstOrDefault(f => f.IsDefault)?.Method;
        return [.. offers
            .Select(o => registry.FirstOrDefault(f => f.Method == o.Method) is { } named && named.Name != o.Name ? o with { Name = named.Name } : o)
            .OrderBy(o => o.Method == defaultMethod ? 0 : o.Has(FactorCapabilities.Fallback) ? 2 : 1)];
    }

    private static TwoFactorLoginResult NotChecked => new(TwoFactorLoginStatus.ProviderUnavailable, SignInStrings.Login_NotChecked);

    private Task<TwoFactorLoginResult> ConcludeAsync(
        PortalUser user, string challengeToken, EnrollmentMethod method, FactorCheckOutcome outcome, bool rememberDevice, string? ip, CancellationToken ct)
        => ConcludeAsync(user, challengeToken, method, outcome, rememberDevice, ip, refusal: null, ct);

    /// <param name="refusal">Why an assertion was refused, for the audit (codes have none).</param>
    private async Task<TwoFactorLoginResult> ConcludeAsync(
        PortalUser user, string challengeToken, EnrollmentMethod method, FactorCheckOutcome outcome, bool rememberDevice, string? ip, string? refusal, CancellationToken ct)
    {
        if (!outcome.IsGuess())
        {
            // Not a guess at the code: the attempt counted in advance is taken back.
            await lockout.RefundAttemptAsync(user.Id, ct);
        }
        if (outcome == FactorCheckOutcome.NotAvailable)
        {
            return TwoFactorLoginResult.NotAvailable;
        }
        if (outcome is FactorCheckOutcome.ProviderUnavailable or FactorCheckOutcome.ProviderLostUser)
        {
            // Fail closed, but do not count a provider's outage against the user.
            await WriteAuditAsync(user, method, AuditOutcome.Failure, ip, outcome.ToString(), ct);
            return new TwoFactorLoginResult(TwoFactorLoginStatus.ProviderUnavailable, outcome == FactorCheckOutcome.ProviderLostUser
                ? SignInStrings.Login_ProviderLostUser
                : CodeMessages.ProviderUnavailable);
        }
        if (outcome is FactorCheckOutcome.CodeExpired or FactorCheckOutcome.TooManySends or FactorCheckOutcome.TooManyChecks or FactorCheckOutcome.ProviderThrottled)
        {
            // Not a guess at the code (nothing pending, or Verify's own limits): refused, audited, not counted.
            await WriteAuditAsync(user, method, AuditOutcome.Failure, ip, outcome.ToString(), ct);
            return outcome switch
            {
                FactorCheckOutcome.CodeExpired => new(TwoFactorLoginStatus.CodeExpired, TwoFactorStrings.Code_ExpiredSendNew),
                FactorCheckOutcome.TooManySends => new(TwoFactorLoginStatus.ProviderRefused, TwilioVerifyMessages.MaxSendAttempts),
                FactorCheckOutcome.TooManyChecks => new(TwoFactorLoginStatus.ProviderRefused, TwilioVerifyMessages.MaxCheckAttempts),
                _ => new(TwoFactorLoginStatus.ProviderRefused, TwilioVerifyMessages.Throttled),
            };
        }
        if (outcome == FactorCheckOutcome.Accepted)
        {
            if (!await lockout.SucceedAttemptAsync(user.Id, ct))
            {
                // A parallel tab locked the account while this code was being checked.
                return await LockedAsync(user, method, (await lockout.ReadAsync(user.Id, ct)).LockoutEnd, ip, ct);
            }
            var grant = await challenges.IssueGrantAsync(challengeToken, method.ToString(), rememberDevice, ct);
            if (grant is null)
            {
                return TwoFactorLoginResult.Expired;
            }
            await WriteAuditAsync(user, method, AuditOutcome.Success, ip, method == EnrollmentMethod.RecoveryCode ? "recovery code used" : null, ct);
            if (method != EnrollmentMethod.RecoveryCode)
            {
                await factors.TouchAsync(user, method, ct);
            }
            return TwoFactorLoginResult.Verified(grant);
        }

        var state = await lockout.FailAttemptAsync(user.Id, ct);
        await WriteAuditAsync(user, method, AuditOutcome.Failure, ip,
            outcome == FactorCheckOutcome.Replayed ? "replayed code" : refusal is not null ? $"refused: {refusal}" : "wrong code", ct);
        // A right password followed by wrong or replayed codes: someone may know the password.
        await notices.AfterWrongCodeAsync(user.Id, outcome == FactorCheckOutcome.Replayed, ip, ct);
        if (state.LockedOut)
        {
            return await LockedAsync(user, method, state.LockoutEnd, ip, ct);
        }
        var attemptsLeft = state.AttemptsLeft;
        var message = outcome == FactorCheckOutcome.Replayed
            ? SignInStrings.Login_Replayed
            : method == EnrollmentMethod.RecoveryCode ? SignInStrings.Login_RecoveryCodeRefused
            : method == EnrollmentMethod.Passkey ? SignInStrings.Login_PasskeyRefused
            : SignInStrings.Login_WrongCode;
        if (attemptsLeft <= 2)
        {
            message = attemptsLeft == 1 ? SignInStrings.Login_OneAttemptLeft(message) : SignInStrings.Login_AttemptsLeft(message, attemptsLeft);
        }
        return new TwoFactorLoginResult(outcome == FactorCheckOutcome.Replayed ? TwoFactorLoginStatus.Replayed : TwoFactorLoginStatus.WrongCode, message)
        {
            AttemptsLeft = attemptsLeft,
        };
    }

    private async Task<TwoFactorLoginResult> LockedAsync(PortalUser user, EnrollmentMethod method, DateTimeOffset? until, string? ip, CancellationToken ct)
    {
        await audit.WriteAsync(new AuditEntry(AuditEvents.LockedOut, AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ip,
            Detail = $"second factor ({method})",
        }, ct);
        return TwoFactorLoginResult.Locked(until);
    }

    private Task WriteAuditAsync(PortalUser user, EnrollmentMethod method, AuditOutcome outcome, string? ip, string? detail, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(AuditEvents.LoginSecondFactor, outcome)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ip,
            Detail = detail is null ? method.ToString() : $"{method}: {detail}",
        }, ct);

    private async Task<PortalUser?> FindPendingUserAsync(string? challengeToken, CancellationToken ct)
    {
        var userId = await challenges.FindUserIdAsync(challengeToken, ct);
        return userId is null ? null : await lockout.FreshUserAsync(userId, ct);
    }

}
