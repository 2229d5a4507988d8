using System.Data.Common;
using Lucy.Portal.Core.Phones;
using System.Globalization;
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
    SecondFactorMethods methods,
    UserFactors factors,
    AuthyEnrollment authy,
    TwilioVerifyEnrollment twilioVerify,
    AuditLog audit,
    IUserNotifier notifier,
    AccountLockout lockout,
    CountedCodeCheck counted,
    PasskeyRegistry passkeys,
    PasskeyCeremony ceremony)
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
    /// <remarks>
    /// With several factors, the first in listing order that takes a typed code (re-verification asks for one), so
    /// an assertion-only method (passkeys) is named only when the user holds nothing else.
    /// </remarks>
    public async Task<EnrollmentMethod?> ConfirmedMethodAsync(PortalUser user, CancellationToken ct = default)
    {
        var enrolled = await methods.EnrolledAsync(user, ct);
        return (enrolled.FirstOrDefault(m => m.Capabilities.HasFlag(FactorCapabilities.Code)) ?? (enrolled.Count > 0 ? enrolled[0] : null))?.Method;
    }

    /// <summary>
    /// The methods the wizard offers this user, from the seam: available here and not enrolled yet (so a user with
    /// 2FA on is offered only what they can add).
    /// </summary>
    public async Task<IReadOnlyList<EnrollmentChoice>> EnrollmentChoicesAsync(PortalUser user, CancellationToken ct = default)
    {
        var choices = new List<EnrollmentChoice>();
        foreach (var method in methods.Factors)
        {
            if (await method.IsAvailableAsync(ct) && !await method.IsEnrolledAsync(user, ct))
            {
                choices.Add(method.DescribeEnrollment(user));
            }
        }
        return choices;
    }

    /// <summary>Authy can be chosen in the wizard: a key is configured and the user saved a mobile number.</summary>
    public async Task<bool> CanUseAuthyAsync(PortalUser user, CancellationToken ct = default) =>
        await authy.IsAvailableAsync(ct) && !string.IsNullOrEmpty(user.PhoneNumber) && user.PhoneCountryCode is not null;

    /// <summary>Registers the user's saved phone with Authy (pending until a first code verifies).</summary>
    public Task<AuthyEnrollmentResult> RegisterWithAuthyAsync(PortalUser user, CancellationToken ct = default) =>
        user.PhoneNumber is { } phone && user.PhoneCountryCode is { } callingCode
            ? authy.RegisterAsync(user, callingCode.ToString(CultureInfo.InvariantCulture), NationalNumber(phone, callingCode), ct)
            : Task.FromResult(new AuthyEnrollmentResult(AuthyEnrollmentStatus.InvalidPhone, EnrollmentBlockers.NeedsPhone));

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

    public Task<TwilioVerifyEnrollmentResult> SendTwilioVerifyCodeAsync(PortalUser user, CodeChannel channel, CancellationToken ct = default) =>
        twilioVerify.SendCodeAsync(user, channel, ct);

    /// <summary>An SMS code to a Verify user before a sensitive change (the current-code dialog); same cap as the login.</summary>
    public async Task<TwilioVerifyEnrollmentResult> SendCurrentCodeAsync(PortalUser user, CancellationToken ct = default) =>
        user.TwoFactorViaTwilioVerify && await users.GetTwoFactorEnabledAsync(user)
            ? await twilioVerify.SendCodeAsync(user, CodeChannel.Sms, ct)
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
        if (await users.GetTwoFactorEnabledAsync(user) && await authenticator.IsEnrolledAsync(user, ct))
        {
            // Adding a factor never swaps one the user holds: that would need a code from it (remove, then add).
            return EnrollmentCodeResult.NoPendingEnrollment;
        }
        var check = await counted.RunAsync(user, c => authenticator.MatchPendingAsync(user, digits, c), match => match.Outcome switch
        {
            AuthenticatorConfirmation.Confirmed => CodeVerdict.Right,
            AuthenticatorConfirmation.InvalidCode => CodeVerdict.Wrong,
            _ => CodeVerdict.NotAGuess,
        }, ct);
        switch (check.Outcome)
        {
            case CountedCheckOutcome.Right:
                // Activated only now, once the count allowed the code: a parallel lockout during the check refuses it.
                return await authenticator.ActivateAsync(user, check.Result!, ipAddress, ct) == AuthenticatorConfirmation.Confirmed
                    ? EnrollmentCodeResult.Confirmed
                    : EnrollmentCodeResult.NoPendingEnrollment;
            case CountedCheckOutcome.NotAGuess:
                return EnrollmentCodeResult.NoPendingEnrollment;
            case CountedCheckOutcome.LockedOut:
                return EnrollmentCodeResult.LockedOut;
            default:
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
    public Task<bool> CompleteEnrollmentAsync(PortalUser user, string? ipAddress, CancellationToken ct = default) =>
        CompleteEnrollmentAsync(user, factorName: null, ipAddress, ct);

    /// <inheritdoc cref="CompleteEnrollmentAsync(PortalUser, string?, CancellationToken)"/>
    /// <param name="factorName">The user's name for the factor; the method's name when blank.</param>
    public async Task<bool> CompleteEnrollmentAsync(PortalUser user, string? factorName, string? ipAddress, CancellationToken ct = default)
    {
        var method = await ConfirmedMethodAsync(user, ct);
        if (method is null || await users.CountRecoveryCodesAsync(user) == 0)
        {
            return false;
        }
        await factors.RecordAddedAsync(user, method.Value, factorName, ct);
        await users.SetTwoFactorEnabledAsync(user, true);
        await users.UpdateSecurityStampAsync(user);
        await WriteAsync(user, AuditEvents.TwoFactorEnabled, AuditOutcome.Success, method.ToString(), ipAddress, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.TwoFactorEnabled) { Detail = method.ToString(), IpAddress = ipAddress }, ct);
        return true;
    }

    /// <summary>The user's factors for the Account page: name, method, added, last used, the default first.</summary>
    public Task<IReadOnlyList<UserFactor>> ListFactorsAsync(PortalUser user, CancellationToken ct = default) => factors.ListAsync(user, ct);

    /// <summary>
    /// Records a factor added while 2FA is already on (the wizard's "Add another factor"): no new recovery codes and no
    /// logout, since nothing the user already holds changes; the user is told. False unless the method is confirmed.
    /// </summary>
    public async Task<bool> CompleteAddingFactorAsync(
        PortalUser user, EnrollmentMethod method, string? factorName, string? ipAddress, CancellationToken ct = default)
    {
        if (!await users.GetTwoFactorEnabledAsync(user) || methods.Find(method) is not { } added
            || added.Capabilities.HasFlag(FactorCapabilities.Fallback) || !await added.IsEnrolledAsync(user, ct))
        {
            return false;
        }
        var row = await factors.RecordAddedAsync(user, method, factorName, ct);
        await WriteAsync(user, AuditEvents.TwoFactorEnabled, AuditOutcome.Success, $"factor added: {method}", ipAddress, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.FactorAdded) { Detail = $"{method}: {row.Name}", IpAddress = ipAddress }, ct);
        return true;
    }

    /// <summary>
    /// Renames one of the user's factors (a label for the user, so no current code is asked); audited with both names.
    /// False when the name is blank or the user has no such factor.
    /// </summary>
    public async Task<bool> RenameFactorAsync(PortalUser user, EnrollmentMethod method, string? name, string? ipAddress, CancellationToken ct = default)
    {
        if (await factors.RenameAsync(user, method, name, ct) is not { } before)
        {
            return false;
        }
        await WriteAsync(user, AuditEvents.FactorRenamed, AuditOutcome.Success, $"{method}: {before} → {UserFactors.CleanName(name)}", ipAddress, ct);
        return true;
    }

    /// <summary>Makes the factor the one the token prompt offers first.</summary>
    public Task<bool> SetDefaultFactorAsync(PortalUser user, EnrollmentMethod method, CancellationToken ct = default) =>
        factors.SetDefaultAsync(user, method, ct);

    /// <summary>
    /// Removes one factor after a code from ANOTHER factor (<paramref name="proofMethod"/>) or a recovery code: a code
    /// of the factor being removed never removes it (a stolen device must not be able to drop the others' protection
    /// and keep itself, nor silently drop itself). Removing the last factor turns 2FA off, as <see cref="DisableAsync"/>.
    /// </summary>
    public Task<CurrentFactorCheck> RemoveFactorAsync(
        PortalUser user, EnrollmentMethod method, EnrollmentMethod proofMethod, string? code, string? ipAddress, CancellationToken ct = default) =>
        RemoveFactorAsync(user, method, CurrentProof.Code(code, proofMethod), ipAddress, ct);

    /// <inheritdoc cref="RemoveFactorAsync(PortalUser, EnrollmentMethod, EnrollmentMethod, string?, string?, CancellationToken)"/>
    public async Task<CurrentFactorCheck> RemoveFactorAsync(
        PortalUser user, EnrollmentMethod method, CurrentProof proof, string? ipAddress, CancellationToken ct = default)
    {
        var enrolled = await methods.EnrolledAsync(user, ct);
        if (enrolled.All(m => m.Method != method))
        {
            return CurrentFactorCheck.NotEnabled;
        }
        if (proof is TypedCode { From: null })
        {
            // Which factor a code comes from decides whether it may remove this one: it must be named.
            return CurrentFactorCheck.Malformed;
        }
        if (proof.Method == method)
        {
            return CurrentFactorCheck.SameFactor;
        }
        var check = await VerifyCurrentProofAsync(user, proof, $"remove factor {method}", ipAddress, ct);
        if (check != CurrentFactorCheck.Accepted)
        {
            return check;
        }
        if (enrolled.Count == 1)
        {
            await TurnOffAsync(user, ipAddress, ct);
            return CurrentFactorCheck.Accepted;
        }
        var removed = enrolled.First(m => m.Method == method);
        await removed.RemoveAsync(user, ipAddress, ct);
        await factors.ForgetAsync(user, method, ct);
        await WriteAsync(user, AuditEvents.TwoFactorDisabled, AuditOutcome.Success, $"factor removed: {method}", ipAddress, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.FactorRemoved) { Detail = method.ToString(), IpAddress = ipAddress }, ct);
        // Another tab may have removed the other factors meanwhile, each having seen this one still there. Read again
        // from the database, not this context's copy: the removal that leaves none turns 2FA off, as removing the last
        // factor does (each removal reads after its own write, so the last one to finish sees them all gone).
        if (await lockout.FreshUserAsync(user.Id, ct) is { } fresh && (await methods.EnrolledAsync(fresh, ct)).Count == 0)
        {
            await TurnOffAsync(fresh, ipAddress, ct);
        }
        return CurrentFactorCheck.Accepted;
    }

    /// <summary>Turns 2FA off after a current code: removes the key and every recovery code, and ends every session.</summary>
    public Task<CurrentFactorCheck> DisableAsync(PortalUser user, string? code, string? ipAddress, CancellationToken ct = default) =>
        DisableAsync(user, CurrentProof.Code(code), ipAddress, ct);

    /// <inheritdoc cref="DisableAsync(PortalUser, string?, string?, CancellationToken)"/>
    public async Task<CurrentFactorCheck> DisableAsync(PortalUser user, CurrentProof proof, string? ipAddress, CancellationToken ct = default)
    {
        var check = await VerifyCurrentProofAsync(user, proof, "disable 2FA", ipAddress, ct);
        if (check != CurrentFactorCheck.Accepted)
        {
            return check;
        }
        await TurnOffAsync(user, ipAddress, ct);
        return CurrentFactorCheck.Accepted;
    }

    private async Task TurnOffAsync(PortalUser user, string? ipAddress, CancellationToken ct)
    {
        foreach (var method in methods.All)
        {
            await method.RemoveAsync(user, ipAddress, ct);
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.UpdateSecurityStampAsync(user);
        await WriteAsync(user, AuditEvents.TwoFactorDisabled, AuditOutcome.Success, null, ipAddress, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.TwoFactorDisabled) { IpAddress = ipAddress }, ct);
    }

    /// <summary>Replaces the recovery codes after a current code; the old ones stop working.</summary>
    public Task<RecoveryCodeRegeneration> RegenerateRecoveryCodesAsync(PortalUser user, string? code, string? ipAddress, CancellationToken ct = default) =>
        RegenerateRecoveryCodesAsync(user, CurrentProof.Code(code), ipAddress, ct);

    /// <inheritdoc cref="RegenerateRecoveryCodesAsync(PortalUser, string?, string?, CancellationToken)"/>
    public async Task<RecoveryCodeRegeneration> RegenerateRecoveryCodesAsync(PortalUser user, CurrentProof proof, string? ipAddress, CancellationToken ct = default)
    {
        var check = await VerifyCurrentProofAsync(user, proof, "regenerate recovery codes", ipAddress, ct);
        if (check != CurrentFactorCheck.Accepted)
        {
            return new RecoveryCodeRegeneration { Check = check };
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.RecoveryCodesRegenerated) { IpAddress = ipAddress }, ct);
        return new RecoveryCodeRegeneration { Check = check, Codes = codes?.ToList() ?? [] };
    }

    /// <summary>Checks a typed code or a passkey's answer before the sensitive change named by <paramref name="purpose"/>.</summary>
    public Task<CurrentFactorCheck> VerifyCurrentProofAsync(
        PortalUser user, CurrentProof proof, string purpose, string? ipAddress, CancellationToken ct = default) => proof switch
        {
            TypedCode code => VerifyCurrentFactorAsync(user, code.From, code.Value, purpose, ipAddress, ct),
            PasskeyAnswer passkey => VerifyCurrentPasskeyAsync(user, passkey.Pending, passkey.CredentialJson, purpose, ipAddress, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(proof)),
        };

    /// <summary>
    /// Checks a current code of the user's 2FA (from <paramref name="method"/>, by default the first factor) or one of
    /// the recovery codes (used up), before a sensitive change named by <paramref name="purpose"/> (for the audit).
    /// The method only says what the code is; a guess that failed counts toward lockout here, for every method.
    /// </summary>
    public Task<CurrentFactorCheck> VerifyCurrentFactorAsync(
        PortalUser user, string? code, string purpose, string? ipAddress, CancellationToken ct = default) =>
        VerifyCurrentFactorAsync(user, method: null, code, purpose, ipAddress, ct);

    /// <inheritdoc cref="VerifyCurrentFactorAsync(PortalUser, string?, string, string?, CancellationToken)"/>
    public async Task<CurrentFactorCheck> VerifyCurrentFactorAsync(
        PortalUser user, EnrollmentMethod? method, string? code, string purpose, string? ipAddress, CancellationToken ct = default)
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return CurrentFactorCheck.NotEnabled;
        }
        var factor = methods.Find(method ?? await ConfirmedMethodAsync(user, ct) ?? EnrollmentMethod.BuiltInAuthenticator);
        var normalized = factor?.NormalizeCode(code);
        if (normalized is null && RecoveryCodeFormat.Normalize(code) is not null)
        {
            factor = methods.Find(EnrollmentMethod.RecoveryCode);
            normalized = factor?.NormalizeCode(code);
        }
        if (factor is null || normalized is null)
        {
            return CurrentFactorCheck.Malformed;
        }
        return await CountedProofAsync(user, c => factor.CheckCodeAsync(user, normalized, c), purpose, ipAddress, ct);
    }

    /// <summary>
    /// The options for one of the user's passkeys as proof before a sensitive change; null when 2FA is off or the
    /// user has no passkey. The state stays on the server (the live page) and is used once.
    /// </summary>
    public async Task<PendingPasskey?> BeginCurrentPasskeyAsync(PortalUser user, CancellationToken ct = default) =>
        await users.GetTwoFactorEnabledAsync(user) && await passkeys.HasAnyAsync(user) ? await ceremony.BeginAssertionAsync(user) : null;

    /// <summary>
    /// A passkey of the user's as proof before a sensitive change, under the rules a typed code obeys: counted before it
    /// is checked, and a refused assertion (another user's passkey, a wrong origin, a bad signature) is a failed attempt.
    /// </summary>
    public async Task<CurrentFactorCheck> VerifyCurrentPasskeyAsync(
        PortalUser user, PendingPasskey? pending, string? credentialJson, string purpose, string? ipAddress, CancellationToken ct = default)
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            return CurrentFactorCheck.NotEnabled;
        }
        if (pending is null || string.IsNullOrWhiteSpace(credentialJson))
        {
            return CurrentFactorCheck.Malformed;
        }
        string? refusal = null;
        UserPasskeyInfo? used = null;
        var check = await CountedProofAsync(user, async _ =>
        {
            var assertion = await ceremony.VerifyAssertionAsync(pending, credentialJson);
            refusal = !assertion.Succeeded ? Clip(assertion.Failure.Message) : assertion.User.Id != user.Id ? "another user's passkey" : null;
            used = refusal is null ? assertion.Passkey : null;
            return refusal is null ? FactorCheckOutcome.Accepted : FactorCheckOutcome.Wrong;
        }, purpose, ipAddress, ct, () => refusal);
        // A passkey removed in another tab while this answer was checked proves nothing.
        if (check == CurrentFactorCheck.Accepted && (used is null || !await passkeys.RecordUseAsync(user, used, ct)))
        {
            return CurrentFactorCheck.NotEnabled;
        }
        return check;
    }

    // Identity's refusal messages can quote what the browser sent; a short, single-line reason is enough for the audit.
    private static string Clip(string reason)
    {
        var line = string.Concat(reason.Select(c => char.IsControl(c) ? ' ' : c));
        return line.Length > 200 ? line[..200] + "…" : line;
    }

    /// <summary>
    /// One proof of the user's own factor, counted before it is checked as at the token prompt: parallel tabs cannot each
    /// get a guess checked on the strength of a count the others have not raised yet. A failure is audited; a lockout
    /// ends every session of the user.
    /// </summary>
    /// <param name="refusal">Why the proof was refused, for the audit (a passkey's answer has reasons; a code has none).</param>
    private async Task<CurrentFactorCheck> CountedProofAsync(PortalUser user, Func<CancellationToken, Task<FactorCheckOutcome>> proof,
        string purpose, string? ipAddress, CancellationToken ct, Func<string?>? refusal = null)
    {
        CountedCheck<FactorCheckOutcome> check;
        var counting = true;
        try
        {
            check = await counted.RunAsync(user, c =>
            {
                counting = false;
                return proof(c);
            }, outcome => outcome switch
            {
                FactorCheckOutcome.Accepted => CodeVerdict.Right,
                FactorCheckOutcome.Wrong or FactorCheckOutcome.Replayed => CodeVerdict.Wrong,
                // CodeExpired: no code is pending for the phone, so there was nothing to guess against.
                _ => CodeVerdict.NotAGuess,
            }, ct);
        }
        catch (DbException) when (counting)
        {
            // Fail closed: a check that cannot be counted is not made.
            return CurrentFactorCheck.ProviderUnavailable;
        }
        switch (check.Outcome)
        {
            case CountedCheckOutcome.Right:
                return CurrentFactorCheck.Accepted;
            case CountedCheckOutcome.LockedOut:
                // Refused unchecked, or right but a parallel tab locked the account while this proof was checked.
                return CurrentFactorCheck.LockedOut;
            case CountedCheckOutcome.Wrong or CountedCheckOutcome.WrongAndLockedOut:
                var detail = refusal?.Invoke() is { } reason ? $"{purpose}; {reason}" : purpose;
                await WriteAsync(user, AuditEvents.TwoFactorReverificationFailed, AuditOutcome.Failure, detail, ipAddress, ct);
                if (check.Outcome == CountedCheckOutcome.WrongAndLockedOut)
                {
                    // The count ended every session already.
                    await WriteAsync(user, AuditEvents.LockedOut, AuditOutcome.Failure, purpose, ipAddress, ct);
                    return CurrentFactorCheck.LockedOut;
                }
                return CurrentFactorCheck.InvalidCode;
            default:
                return check is { Checked: true, Result: FactorCheckOutcome.CodeExpired } ? CurrentFactorCheck.CodeExpired : CurrentFactorCheck.ProviderUnavailable;
        }
    }

    /// <summary>Audits a counted failure, and the lockout when there is one (the count ended every session). True when locked out.</summary>
    private async Task<bool> AfterFailureAsync(PortalUser user, string auditEvent, string purpose, string? ipAddress, CancellationToken ct)
    {
        await WriteAsync(user, auditEvent, AuditOutcome.Failure, purpose, ipAddress, ct);
        if (!await users.IsLockedOutAsync(user))
        {
            return false;
        }
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
