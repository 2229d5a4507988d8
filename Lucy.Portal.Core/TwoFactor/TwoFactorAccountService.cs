using System.Globalization;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwilioVerify;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.TwoFactor.Passkeys;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// A user's own 2FA life cycle behind the Account page and the Configure 2FA wizard: enroll (enabled only after a
/// verified first code and saved recovery codes), disable and regenerate recovery codes (each after a current code),
/// and the re-verification other sensitive changes (the phone number) ask for. Every wrong code counts toward lockout;
/// a lockout ends every session of the user.
/// </summary>
public sealed class TwoFactorAccountService(
    UserManager<PortalUser> users,
    AuthenticatorEnrollment authenticator,
    AuthenticatorCodeVerifier authenticatorCodes,
    RecoveryCodeStore recoveryCodes,
    AuthyEnrollment authy,
    AuthyTokenVerifier authyTokens,
    TwilioVerifyEnrollment twilioVerify,
    TwilioVerifyCodes twilioVerifyCodes,
    PasskeyRegistry passkeys,
    AuditLog audit,
    IUserNotifier notifier)
{
    public const int RecoveryCodeCount = RecoveryCodeStore.DefaultCount;

    public async Task<TwoFactorStatus> GetStatusAsync(PortalUser user, CancellationToken ct = default)
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return TwoFactorStatus.Off;
        }
        return new TwoFactorStatus(true, await ConfirmedMethodAsync(user, ct), await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>The method whose key is confirmed for the user, whether or not 2FA is switched on yet.</summary>
    public async Task<EnrollmentMethod?> ConfirmedMethodAsync(PortalUser user, CancellationToken ct = default) =>
        await authenticator.IsEnrolledAsync(user, ct) ? EnrollmentMethod.BuiltInAuthenticator
        : !string.IsNullOrEmpty(user.AuthyId) ? EnrollmentMethod.Authy
        : user.TwoFactorViaTwilioVerify ? EnrollmentMethod.TwilioVerify
        : await passkeys.HasAnyAsync(user) ? EnrollmentMethod.Passkey
        : null;

    /// <summary>Authy can be chosen in the wizard: a key is configured and the user saved a mobile number.</summary>
    public async Task<bool> CanUseAuthyAsync(PortalUser user, CancellationToken ct = default) =>
        await authy.IsAvailableAsync(ct) && !string.IsNullOrEmpty(user.PhoneNumber) && user.PhoneCountryCode is not null;

    /// <summary>Registers the user's saved phone with Authy (pending until a first code verifies).</summary>
    public Task<AuthyEnrollmentResult> RegisterWithAuthyAsync(PortalUser user, CancellationToken ct = default) =>
        user.PhoneNumber is { } phone && user.PhoneCountryCode is { } callingCode
            ? authy.RegisterAsync(user, callingCode.ToString(CultureInfo.InvariantCulture), NationalNumber(phone, callingCode), ct)
            : Task.FromResult(new AuthyEnrollmentResult(AuthyEnrollmentStatus.InvalidPhone, "Save your mobile number on the Account page first."));

    public Task<AuthyEnrollmentResult> SendAuthySmsAsync(PortalUser user, CancellationToken ct = default) => authy.SendSmsAsync(user, ct);

    /// <summary>Confirms Authy with a first code; a lockout ends every session, as for the authenticator.</summary>
    public async Task<AuthyEnrollmentResult> ConfirmAuthyAsync(PortalUser user, string? code, string? ipAddress, CancellationToken ct = default)
    {
        var result = await authy.ConfirmAsync(user, code, ct);
        if (result.Status == AuthyEnrollmentStatus.WrongCode
            && await AfterFailureAsync(user, AuditEvents.TwoFactorEnrollmentCodeRejected, "authy enrollment", ipAddress, ct))
        {
            return result with { Status = AuthyEnrollmentStatus.LockedOut, Message = CodeMessages.LockedOut };
        }
        return result;
    }

    /// <summary>Twilio Verify can be chosen in the wizard: it is the provider and the user saved a mobile number.</summary>
    public async Task<bool> CanUseTwilioVerifyAsync(PortalUser user, CancellationToken ct = default) =>
        await twilioVerify.IsAvailableAsync(ct) && !string.IsNullOrEmpty(user.PhoneNumber);

    public Task<TwilioVerifyEnrollmentResult> SendTwilioVerifyCodeAsync(PortalUser user, TwilioVerifyChannel channel, CancellationToken ct = default) =>
        twilioVerify.SendCodeAsync(user, channel, ct);

    /// <summary>An SMS code to a Verify user before a sensitive change (the current-code dialog); same cap as the login.</summary>
    public async Task<TwilioVerifyEnrollmentResult> SendCurrentCodeAsync(PortalUser user, CancellationToken ct = default) =>
        user.TwoFactorViaTwilioVerify && await users.GetTwoFactorEnabledAsync(user)
            ? await twilioVerify.SendCodeAsync(user, TwilioVerifyChannel.Sms, ct)
            : new(TwilioVerifyEnrollmentStatus.NotStarted, CodeMessages.NotEnabled);

    /// <summary>Confirms the phone for Verify with the code sent to it; a wrong code counts, and a lockout ends every session.</summary>
    public async Task<TwilioVerifyEnrollmentResult> ConfirmTwilioVerifyAsync(PortalUser user, string? code, string? ipAddress, CancellationToken ct = default)
    {
        var result = await twilioVerify.ConfirmAsync(user, code, ct);
        if (result.Status == TwilioVerifyEnrollmentStatus.WrongCode
            && await AfterFailureAsync(user, AuditEvents.TwoFactorEnrollmentCodeRejected, "twilio verify enrollment", ipAddress, ct))
        {
            return result with { Status = TwilioVerifyEnrollmentStatus.LockedOut, Message = CodeMessages.LockedOut };
        }
        return result;
    }

    internal static string NationalNumber(string e164, int callingCode) =>
        e164.TrimStart('+')[callingCode.ToString(CultureInfo.InvariantCulture).Length..];

    /// <summary>A fresh pending key for the wizard; an older pending key (an abandoned wizard) is replaced.</summary>
    public Task<AuthenticatorSetup> StartAuthenticatorAsync(PortalUser user, CancellationToken ct = default) =>
        authenticator.StartAsync(user, ct);

    public async Task<EnrollmentCodeResult> ConfirmAuthenticatorAsync(PortalUser user, string? code, string? ipAddress, CancellationToken ct = default)
    {
        var digits = OneTimeCodeFormat.Normalize(code);
        if (digits is null)
        {
            return EnrollmentCodeResult.Malformed;
        }
        if (await users.IsLockedOutAsync(user))
        {
            return EnrollmentCodeResult.LockedOut;
        }
        switch (await authenticator.ConfirmAsync(user, digits, ipAddress, ct))
        {
            case AuthenticatorConfirmation.Confirmed:
                await users.ResetAccessFailedCountAsync(user);
                return EnrollmentCodeResult.Confirmed;
            case AuthenticatorConfirmation.NoPendingEnrollment:
                return EnrollmentCodeResult.NoPendingEnrollment;
            default:
                await users.AccessFailedAsync(user);
                return await AfterFailureAsync(user, AuditEvents.TwoFactorEnrollmentCodeRejected, "authenticator enrollment", ipAddress, ct)
                    ? EnrollmentCodeResult.LockedOut
                    : EnrollmentCodeResult.InvalidCode;
        }
    }

    /// <summary>
    /// The wizard's recovery codes, once a method is confirmed and while 2FA is still off; null otherwise
    /// (with 2FA on, new codes need a current code: <see cref="RegenerateRecoveryCodesAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>?> CreateEnrollmentRecoveryCodesAsync(PortalUser user, CancellationToken ct = default)
    {
        if (await users.GetTwoFactorEnabledAsync(user) || await ConfirmedMethodAsync(user, ct) is null)
        {
            return null;
        }
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
    }

    /// <summary>
    /// Switches 2FA on after the wizard: a confirmed method and recovery codes are required. The security stamp
    /// changes, so every session of the user ends and the next login asks for a code. False when not ready.
    /// </summary>
    public async Task<bool> CompleteEnrollmentAsync(PortalUser user, string? ipAddress, CancellationToken ct = default)
    {
        var method = await ConfirmedMethodAsync(user, ct);
        if (method is null || await users.CountRecoveryCodesAsync(user) == 0)
        {
            return false;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await users.UpdateSecurityStampAsync(user);
        await WriteAsync(user, AuditEvents.TwoFactorEnabled, AuditOutcome.Success, method.ToString(), ipAddress, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.TwoFactorEnabled) { Detail = method.ToString(), IpAddress = ipAddress }, ct);
        return true;
    }

    /// <summary>Turns 2FA off after a current code: removes the key and every recovery code, and ends every session.</summary>
    public async Task<CurrentFactorCheck> DisableAsync(PortalUser user, string? code, string? ipAddress, CancellationToken ct = default)
    {
        var check = await VerifyCurrentFactorAsync(user, code, "disable 2FA", ipAddress, ct);
        if (check != CurrentFactorCheck.Accepted)
        {
            return check;
        }
        await authenticator.RemoveAsync(user, ipAddress: ipAddress, ct: ct);
        await authy.RemoveAsync(user, ct);
        await twilioVerify.RemoveAsync(user, ct);
        await passkeys.RemoveAllAsync(user, ct);
        await recoveryCodes.RemoveAllAsync(user, ct);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.UpdateSecurityStampAsync(user);
        await WriteAsync(user, AuditEvents.TwoFactorDisabled, AuditOutcome.Success, null, ipAddress, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.TwoFactorDisabled) { IpAddress = ipAddress }, ct);
        return CurrentFactorCheck.Accepted;
    }

    /// <summary>Replaces the recovery codes after a current code; the old ones stop working.</summary>
    public async Task<RecoveryCodeRegeneration> RegenerateRecoveryCodesAsync(PortalUser user, string? code, string? ipAddress, CancellationToken ct = default)
    {
        var check = await VerifyCurrentFactorAsync(user, code, "regenerate recovery codes", ipAddress, ct);
        if (check != CurrentFactorCheck.Accepted)
        {
            return new RecoveryCodeRegeneration { Check = check };
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.RecoveryCodesRegenerated) { IpAddress = ipAddress }, ct);
        return new RecoveryCodeRegeneration { Check = check, Codes = codes?.ToList() ?? [] };
    }

    /// <summary>
    /// Checks a current code of the user's 2FA (six digits from the authenticator) or one of the recovery codes (used up),
    /// before a sensitive change named by <paramref name="purpose"/> (for the audit). Failures count toward lockout.
    /// </summary>
    public async Task<CurrentFactorCheck> VerifyCurrentFactorAsync(
        PortalUser user, string? code, string purpose, string? ipAddress, CancellationToken ct = default)
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return CurrentFactorCheck.NotEnabled;
        }
        var method = await ConfirmedMethodAsync(user, ct);
        var digits = method switch
        {
            EnrollmentMethod.Authy => AuthyTokenFormat(code),
            EnrollmentMethod.TwilioVerify => TwilioVerifyCodeFormat(code),
            _ => OneTimeCodeFormat.Normalize(code),
        };
        var recoveryCode = digits is null && RecoveryCodeFormat.Normalize(code) is not null;
        if (digits is null && !recoveryCode)
        {
            return CurrentFactorCheck.Malformed;
        }
        if (await users.IsLockedOutAsync(user))
        {
            return CurrentFactorCheck.LockedOut;
        }

        if (digits is not null)
        {
            if (method == EnrollmentMethod.Authy)
            {
                var verified = await authyTokens.VerifyAsync(user.AuthyId!, digits, ct);
                if (verified.Succeeded)
                {
                    await users.ResetAccessFailedCountAsync(user);
                    return CurrentFactorCheck.Accepted;
                }
                if (verified.Status is not (AuthyStatus.TokenInvalid or AuthyStatus.TokenReused))
                {
                    return CurrentFactorCheck.ProviderUnavailable;
                }
            }
            else if (method == EnrollmentMethod.TwilioVerify)
            {
                var checkedCode = await twilioVerifyCodes.CheckAsync(user.PhoneNumber ?? "", digits, ct);
                if (checkedCode.Status == TwilioVerifyStatus.Approved)
                {
                    await users.ResetAccessFailedCountAsync(user);
                    return CurrentFactorCheck.Accepted;
                }
                if (checkedCode.Status == TwilioVerifyStatus.NotFound)
                {
                    // No code is pending for the phone: nothing to guess against, so not counted.
                    return CurrentFactorCheck.CodeExpired;
                }
                if (checkedCode.Status != TwilioVerifyStatus.WrongCode)
                {
                    return CurrentFactorCheck.ProviderUnavailable;
                }
            }
            else if (method == EnrollmentMethod.BuiltInAuthenticator
                && await authenticatorCodes.VerifyAsync(user, digits, ct) == AuthenticatorVerification.Accepted)
            {
                await users.ResetAccessFailedCountAsync(user);
                return CurrentFactorCheck.Accepted;
            }
            await users.AccessFailedAsync(user);
        }
        else if ((await users.RedeemTwoFactorRecoveryCodeAsync(user, code!)).Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            return CurrentFactorCheck.Accepted;
        }
        // A refused recovery code was already counted by PortalUserManager.

        return await AfterFailureAsync(user, AuditEvents.TwoFactorReverificationFailed, purpose, ipAddress, ct)
            ? CurrentFactorCheck.LockedOut
            : CurrentFactorCheck.InvalidCode;
    }

    private static string? TwilioVerifyCodeFormat(string? code)
    {
        var digits = OneTimeCodeFormat.StripSeparators(code);
        return TwilioVerifyInput.IsCode(digits) ? digits : null;
    }

    private static string? AuthyTokenFormat(string? code)
    {
        var token = OneTimeCodeFormat.StripSeparators(code);
        return AuthyInput.IsToken(token) ? token : null;
    }

    /// <summary>Audits a counted failure; when it locked the account, ends every session of the user. True when locked out.</summary>
    private async Task<bool> AfterFailureAsync(PortalUser user, string auditEvent, string purpose, string? ipAddress, CancellationToken ct)
    {
        await WriteAsync(user, auditEvent, AuditOutcome.Failure, purpose, ipAddress, ct);
        if (!await users.IsLockedOutAsync(user))
        {
            return false;
        }
        await users.UpdateSecurityStampAsync(user);
        await WriteAsync(user, AuditEvents.LockedOut, AuditOutcome.Failure, purpose, ipAddress, ct);
        return true;
    }

    private Task WriteAsync(PortalUser user, string auditEvent, AuditOutcome outcome, string? detail, string? ipAddress, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(auditEvent, outcome)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            IpAddress = ipAddress,
            Detail = detail,
        }, ct);
}
