using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using System.Data.Common;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// The backend of the token prompt: which methods a pending user has, and one code check at a time.
/// Every failure of every factor counts toward Identity lockout; nothing signs in on an error.
/// Each check is counted before it is made (<see cref="AccountLockout"/>), so parallel tabs share one allowance.
/// </summary>
public sealed class TwoFactorLogin(
    SignInChallenges challenges,
    UserManager<PortalUser> users,
    AuthenticatorEnrollment authenticator,
    AuthenticatorCodeVerifier authenticatorCodes,
    AdvancedSettingsCache settings,
    AuthyTokenVerifier authyTokens,
    AuthyFeatures authyFeatures,
    TwilioVerifyCodes twilioVerify,
    RecoveryCodeStore recoveryCodes,
    AccountLockout lockout,
    OtpDeliveryLimiter sendLimiter,
    PasskeyRegistry passkeys,
    PasskeyCeremony passkeyCeremony,
    AuditLog audit)
{
    public async Task<TwoFactorPrompt?> GetPromptAsync(string? challengeToken, CancellationToken ct = default)
    {
        var user = await FindPendingUserAsync(challengeToken, ct);
        if (user is null)
        {
            return null;
        }
        var methods = new List<TwoFactorMethod>();
        // Phishing-resistant first: the prompt opens on the passkey when the user has one.
        if (await passkeys.HasAnyAsync(user))
        {
            methods.Add(TwoFactorMethod.Passkey);
        }
        if (await authenticator.IsEnrolledAsync(user, ct))
        {
            methods.Add(TwoFactorMethod.Authenticator);
        }
        var current = await settings.GetAsync(ct);
        AuthyAppDetails? authy = null;
        if (current.UsesAuthy && !string.IsNullOrEmpty(user.AuthyId))
        {
            methods.Add(TwoFactorMethod.AuthyCode);
            // Which extras the Authy application allows; if Authy cannot say, codes from the app still work.
            authy = await authyFeatures.GetAsync(current, ct);
            if (authy?.OneTouchEnabled == true)
            {
                methods.Add(TwoFactorMethod.AuthyOneTouch);
            }
        }
        if (UsesTwilioVerify(current, user))
        {
            methods.Add(TwoFactorMethod.VerifyCode);
        }
        var recoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        if (recoveryCodesLeft > 0)
        {
            methods.Add(TwoFactorMethod.RecoveryCode);
        }
        return new TwoFactorPrompt(user.Id, user.Email ?? "", methods, recoveryCodesLeft,
            current.RememberDeviceAllowed, current.RememberDeviceDays)
        {
            CanSendSms = authy?.SmsEnabled ?? methods.Contains(TwoFactorMethod.AuthyCode),
            CanCall = authy?.VoiceEnabled ?? false,
            MaskedPhone = PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode),
            Sends = await sendLimiter.GetAllowanceAsync(user.Id, ct),
        };
    }

    public async Task<TwoFactorLoginResult> VerifyCodeAsync(
        string? challengeToken, TwoFactorMethod method, string? code, bool rememberDevice, string? ipAddress, CancellationToken ct = default)
    {
        var user = await FindPendingUserAsync(challengeToken, ct);
        if (user is null)
        {
            return TwoFactorLoginResult.Expired;
        }
        var normalized = OneTimeCodeFormat.StripSeparators(code);
        if (method is TwoFactorMethod.Authenticator && !IsSixDigits(normalized))
        {
            return TwoFactorLoginResult.Malformed("Enter the 6-digit code from your authenticator app.");
        }
        if (method is TwoFactorMethod.AuthyCode && !AuthyInput.IsToken(normalized))
        {
            return TwoFactorLoginResult.Malformed("Enter the code from the Authy app, SMS or call (digits only).");
        }
        if (method is TwoFactorMethod.VerifyCode && !TwilioVerifyInput.IsCode(normalized))
        {
            return TwoFactorLoginResult.Malformed("Enter the code from the SMS or call (digits only).");
        }
        if (method is TwoFactorMethod.RecoveryCode && normalized.Length != RecoveryCodeLength)
        {
            return TwoFactorLoginResult.Malformed("Enter one of your recovery codes, like ABCDE-FGH23.");
        }
        LockoutState attempt;
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

        var outcome = method switch
        {
            TwoFactorMethod.Authenticator => await CheckAuthenticatorAsync(user, normalized, ct),
            TwoFactorMethod.RecoveryCode => await CheckRecoveryCodeAsync(user, code!, ct),
            TwoFactorMethod.AuthyCode => await CheckAuthyAsync(user, normalized, ct),
            TwoFactorMethod.VerifyCode => await CheckTwilioVerifyAsync(user, normalized, ct),
            _ => CodeOutcome.NotAvailable,
        };
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
    /// Checks the browser's passkey assertion for the pending user, counted, locked out and audited like a code: a
    /// refused assertion (wrong origin or relying party, another user's passkey, a replayed counter, a bad signature)
    /// is a failed attempt.
    /// </summary>
    public async Task<TwoFactorLoginResult> VerifyPasskeyAsync(
        string? challengeToken, PendingPasskey? pending, string? credentialJson, bool rememberDevice, string? ipAddress, CancellationToken ct = default)
    {
        var user = await FindPendingUserAsync(challengeToken, ct);
        if (user is null)
        {
            return TwoFactorLoginResult.Expired;
        }
        if (pending is null || string.IsNullOrWhiteSpace(credentialJson))
        {
            return TwoFactorLoginResult.Malformed("The passkey did not answer. Try again.");
        }
        LockoutState attempt;
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
            return await LockedAsync(user, TwoFactorMethod.Passkey, attempt.LockoutEnd, ipAddress, ct);
        }
        var outcome = CodeOutcome.Wrong;
        var assertion = await passkeyCeremony.VerifyAssertionAsync(pending, credentialJson);
        if (assertion.Succeeded && assertion.User.Id == user.Id)
        {
            await passkeys.RecordUseAsync(user, assertion.Passkey, ct);
            outcome = CodeOutcome.Accepted;
        }
        return await ConcludeAsync(user, challengeToken!, TwoFactorMethod.Passkey, outcome, rememberDevice, ipAddress,
            assertion.Succeeded ? null : assertion.Failure.Message, ct);
    }

    private static TwoFactorLoginResult NotChecked { get; } = new(TwoFactorLoginStatus.ProviderUnavailable,
        "Your attempt could not be recorded, so the code was not checked. Try again in a moment.");

    private const int RecoveryCodeLength = 10;

    private enum CodeOutcome
    {
        Accepted, Wrong, Replayed, NotAvailable, ProviderUnavailable, ProviderLostUser,
        CodeExpired, TooManySends, TooManyChecks, ProviderThrottled,
    }

    /// <summary>Verify is the provider and the user confirmed their phone with it; a new number clears the flag.</summary>
    private static bool UsesTwilioVerify(AdvancedSettingsSnapshot current, PortalUser user) =>
        current.UsesTwilioVerify && user.TwoFactorViaTwilioVerify && !string.IsNullOrEmpty(user.PhoneNumber);

    private async Task<CodeOutcome> CheckTwilioVerifyAsync(PortalUser user, string code, CancellationToken ct)
    {
        if (!UsesTwilioVerify(await settings.GetAsync(ct), user))
        {
            return CodeOutcome.NotAvailable;
        }
        return (await twilioVerify.CheckAsync(user.PhoneNumber!, code, ct)).Status switch
        {
            TwilioVerifyStatus.Approved => CodeOutcome.Accepted,
            TwilioVerifyStatus.WrongCode => CodeOutcome.Wrong,
            TwilioVerifyStatus.NotFound => CodeOutcome.CodeExpired,
            TwilioVerifyStatus.MaxSendAttempts => CodeOutcome.TooManySends,
            TwilioVerifyStatus.MaxCheckAttempts => CodeOutcome.TooManyChecks,
            TwilioVerifyStatus.Throttled => CodeOutcome.ProviderThrottled,
            _ => CodeOutcome.ProviderUnavailable,
        };
    }

    private async Task<CodeOutcome> CheckAuthyAsync(PortalUser user, string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(user.AuthyId) || !(await settings.GetAsync(ct)).UsesAuthy)
        {
            return CodeOutcome.NotAvailable;
        }
        return (await authyTokens.VerifyAsync(user.AuthyId, token, ct)).Status switch
        {
            AuthyStatus.Ok => CodeOutcome.Accepted,
            AuthyStatus.TokenInvalid => CodeOutcome.Wrong,
            AuthyStatus.TokenReused => CodeOutcome.Replayed,
            AuthyStatus.UserNotFound => CodeOutcome.ProviderLostUser,
            _ => CodeOutcome.ProviderUnavailable,
        };
    }

    private async Task<CodeOutcome> CheckAuthenticatorAsync(PortalUser user, string code, CancellationToken ct) =>
        await authenticatorCodes.VerifyAsync(user, code, ct) switch
        {
            AuthenticatorVerification.Accepted => CodeOutcome.Accepted,
            AuthenticatorVerification.ReplayedCode => CodeOutcome.Replayed,
            AuthenticatorVerification.NotEnrolled => CodeOutcome.NotAvailable,
            _ => CodeOutcome.Wrong,
        };

    // Straight to the store: the attempt is already counted here, PortalUserManager's redeem would count it again.
    private async Task<CodeOutcome> CheckRecoveryCodeAsync(PortalUser user, string code, CancellationToken ct) =>
        await recoveryCodes.RedeemAsync(user, code, ct) == RecoveryCodeRedemption.Redeemed ? CodeOutcome.Accepted : CodeOutcome.Wrong;

    private Task<TwoFactorLoginResult> ConcludeAsync(
        PortalUser user, string challengeToken, TwoFactorMethod method, CodeOutcome outcome, bool rememberDevice, string? ip, CancellationToken ct)
        => ConcludeAsync(user, challengeToken, method, outcome, rememberDevice, ip, refusal: null, ct);

    private async Task<TwoFactorLoginResult> ConcludeAsync(
        PortalUser user, string challengeToken, TwoFactorMethod method, CodeOutcome outcome, bool rememberDevice, string? ip, string? refusal, CancellationToken ct)
    {
        if (outcome is not (CodeOutcome.Accepted or CodeOutcome.Wrong or CodeOutcome.Replayed))
        {
            // Not a guess at the code: the attempt counted in advance is taken back.
            await lockout.RefundAttemptAsync(user.Id, ct);
        }
        if (outcome == CodeOutcome.NotAvailable)
        {
            return TwoFactorLoginResult.NotAvailable;
        }
        if (outcome is CodeOutcome.ProviderUnavailable or CodeOutcome.ProviderLostUser)
        {
            // Fail closed, but do not count a provider's outage against the user.
            await WriteAuditAsync(user, method, AuditOutcome.Failure, ip, outcome.ToString(), ct);
            return new TwoFactorLoginResult(TwoFactorLoginStatus.ProviderUnavailable, outcome == CodeOutcome.ProviderLostUser
                ? "Authy does not know your account any more. Use a recovery code, then set up 2FA again."
                : "The 2FA provider is unavailable right now. Try again in a moment, or use a recovery code.");
        }
        if (outcome is CodeOutcome.CodeExpired or CodeOutcome.TooManySends or CodeOutcome.TooManyChecks or CodeOutcome.ProviderThrottled)
        {
            // Not a guess at the code (nothing pending, or Verify's own limits): refused, audited, not counted.
            await WriteAuditAsync(user, method, AuditOutcome.Failure, ip, outcome.ToString(), ct);
            return outcome switch
            {
                CodeOutcome.CodeExpired => new(TwoFactorLoginStatus.CodeExpired, "This code has expired. Send a new one."),
                CodeOutcome.TooManySends => new(TwoFactorLoginStatus.ProviderRefused, TwilioVerifyMessages.MaxSendAttempts),
                CodeOutcome.TooManyChecks => new(TwoFactorLoginStatus.ProviderRefused, TwilioVerifyMessages.MaxCheckAttempts),
                _ => new(TwoFactorLoginStatus.ProviderRefused, TwilioVerifyMessages.Throttled),
            };
        }
        if (outcome == CodeOutcome.Accepted)
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
            await WriteAuditAsync(user, method, AuditOutcome.Success, ip, method == TwoFactorMethod.RecoveryCode ? "recovery code used" : null, ct);
            return TwoFactorLoginResult.Verified(grant);
        }

        var state = await lockout.FailAttemptAsync(user.Id, ct);
        await WriteAuditAsync(user, method, AuditOutcome.Failure, ip,
            outcome == CodeOutcome.Replayed ? "replayed code" : method == TwoFactorMethod.Passkey ? $"refused: {refusal ?? "another user's passkey"}" : "wrong code", ct);
        if (state.LockedOut)
        {
            return await LockedAsync(user, method, state.LockoutEnd, ip, ct);
        }
        var attemptsLeft = state.AttemptsLeft;
        var message = outcome == CodeOutcome.Replayed
            ? "This code was already used. Wait for the next code in your app."
            : method == TwoFactorMethod.RecoveryCode ? "That recovery code is not valid or was already used."
            : method == TwoFactorMethod.Passkey ? "That passkey was not accepted. Use a passkey you added to this account."
            : "That code is not correct.";
        if (attemptsLeft <= 2)
        {
            message += attemptsLeft == 1 ? " 1 attempt left before your account is locked." : $" {attemptsLeft} attempts left before your account is locked.";
        }
        return new TwoFactorLoginResult(outcome == CodeOutcome.Replayed ? TwoFactorLoginStatus.Replayed : TwoFactorLoginStatus.WrongCode, message)
        {
            AttemptsLeft = attemptsLeft,
        };
    }

    private async Task<TwoFactorLoginResult> LockedAsync(PortalUser user, TwoFactorMethod method, DateTimeOffset? until, string? ip, CancellationToken ct)
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

    private Task WriteAuditAsync(PortalUser user, TwoFactorMethod method, AuditOutcome outcome, string? ip, string? detail, CancellationToken ct) =>
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

    private static bool IsSixDigits(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);
}
