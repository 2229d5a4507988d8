using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Changes a user's own mobile number: E.164 in Identity's PhoneNumber, calling code and region beside it.
/// With 2FA on, a current code is asked first. When the phone is the factor (Authy, Twilio Verify), the new number is
/// a new authenticator binding (SP 800-63B §3.1.3.3 / §6.1.2.3) and must prove itself with a code delivered to it
/// before it replaces the old one; until then the old number and factor stay in force. For the built-in
/// authenticator the phone is contact data only: no code goes to the new number (2FA enrollment proves a phone when
/// it becomes a factor), and the factor is untouched. Every change renews the security stamp: every other session ends
/// and remembered devices are forgotten; the session that made the change renews itself (<see cref="SessionRenewal"/>).
/// </summary>
public sealed class PhoneNumberChange(
    UserManager<PortalUser> users,
    TwoFactorAccountService twoFactor,
    NewNumberCodes codes,
    CountedCodeCheck counted,
    AuthyEnrollment authy,
    OtpDeliveryLimiter limiter,
    SessionRenewal renewal,
    AuditLog audit,
    IUserNotifier notifier,
    TimeProvider time)
{
    private const string ProofPurpose = "prove new phone number";

    /// <summary>
    /// First step: the new number and, with 2FA on, a current code. Saves at once when the phone is not the factor;
    /// otherwise returns <see cref="PhoneChangeOutcome.ProofRequired"/> with the pending change, and a code on its way.
    /// </summary>
    public async Task<PhoneChangeResult> SaveAsync(
        PortalUser user, string? region, string? number, string? currentCode, string? ipAddress, CancellationToken ct = default)
    {
        var check = PhoneNumberParser.Check(region, number);
        if (!check.IsValid)
        {
            return new PhoneChangeResult
            {
                Outcome = PhoneChangeOutcome.InvalidNumber,
                CountryError = check.ErrorIsAboutCountry ? check.Error : null,
                NumberError = check.ErrorIsAboutCountry ? null : check.Error,
            };
        }
        if (check.E164 == user.PhoneNumber && check.Region == user.PhoneRegion)
        {
            return new PhoneChangeResult { Outcome = PhoneChangeOutcome.Unchanged };
        }

        PhoneProof? proof = null;
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(currentCode))
            {
                return new PhoneChangeResult
                {
                    Outcome = PhoneChangeOutcome.CodeRequired,
                    CodeError = AccountStrings.PhoneChange_CodeRequired,
                };
            }
            var verified = await twoFactor.VerifyCurrentFactorAsync(user, currentCode, "change phone number", ipAddress, ct);
            if (verified != CurrentFactorCheck.Accepted)
            {
                return new PhoneChangeResult { Outcome = PhoneChangeOutcome.CodeRefused, CodeCheck = verified, CodeError = CodeMessages.For(verified) };
            }
            proof = await twoFactor.ConfirmedMethodAsync(user, ct) switch
            {
                EnrollmentMethod.Authy => PhoneProof.Authy,
                EnrollmentMethod.TwilioVerify => PhoneProof.TwilioVerify,
                _ => null,
            };
        }
        if (proof is null)
        {
            return await ApplyAsync(user, check.E164!, check.CallingCode!.Value, check.Region!, proven: false, newAuthyId: null, ipAddress, ct);
        }

        string? newAuthyId = null;
        if (proof == PhoneProof.Authy)
        {
            var registered = await codes.RegisterWithAuthyAsync(user.Email ?? "", check.CallingCode!.Value,
                TwoFactorAccountService.NationalNumber(check.E164!, check.CallingCode.Value), ct);
            await WriteAsync(user, AuditEvents.AuthyRegistration, registered.Succeeded, $"new phone {PhoneMask.Mask(check.E164, check.CallingCode)}: pending proof", ipAddress, ct);
            if (registered.Status == NewNumberCodeStatus.InvalidPhone)
            {
                return new PhoneChangeResult { Outcome = PhoneChangeOutcome.InvalidNumber, NumberError = registered.Message };
            }
            if (!registered.Succeeded)
            {
                return new PhoneChangeResult { Outcome = PhoneChangeOutcome.ProviderUnavailable, Message = registered.Message };
            }
            newAuthyId = registered.Value;
        }
        var pending = new PendingPhoneChange(user.Id, await users.GetSecurityStampAsync(user), check, proof.Value, newAuthyId,
            time.GetUtcNow() + PendingPhoneChange.Lifetime);
        return await SendCodeAsync(user, pending, CodeChannel.Sms, ipAddress, ct);
    }

    /// <summary>Sends (again) a code to the new number by SMS or call; capped per account like every other send.</summary>
    public async Task<PhoneChangeResult> SendCodeAsync(
        PortalUser user, PendingPhoneChange pending, CodeChannel channel, string? ipAddress, CancellationToken ct = default)
    {
        if (await StillValidAsync(user, pending) is { } expired)
        {
            return expired;
        }
        var reservation = await limiter.TryReserveAsync(user.Id, channel.ToString(), ct);
        if (!reservation.Granted)
        {
            return Pending(pending, PhoneChangeOutcome.TooSoon, SignInStrings.SendLimit_Wait, reservation.Allowance.NextAllowedAt);
        }
        var sent = await codes.SendAsync(pending, channel, ct);
        // A send that did not go out does not count against the cap.
        var nextAllowed = sent.Status == NewNumberCodeStatus.Done
            ? reservation.Allowance.NextAllowedAt
            : (await limiter.ReleaseAsync(user.Id, reservation, ct)).NextAllowedAt;
        await WriteAsync(user, channel == CodeChannel.Sms ? AuditEvents.SmsRequested : AuditEvents.CallRequested, sent.Succeeded,
            $"new phone {pending.MaskedNumber}" + (sent.Succeeded ? "" : $": {sent.Status}"), ipAddress, ct);
        return sent.Status switch
        {
            NewNumberCodeStatus.Done => Pending(pending, PhoneChangeOutcome.ProofRequired, sent.Message, nextAllowed),
            NewNumberCodeStatus.InvalidPhone => new PhoneChangeResult { Outcome = PhoneChangeOutcome.InvalidNumber, NumberError = sent.Message },
            NewNumberCodeStatus.NoCode => Expired,
            _ => Pending(pending, PhoneChangeOutcome.ProviderUnavailable,
                AccountStrings.PhoneChange_SendFailed(sent.Message), nextAllowed),
        };
    }

    /// <summary>
    /// Last step: the code the new number received. Only when it verifies (Authy: force=true against the new authy_id;
    /// Verify: approved for the new number) do the number and the factor switch. A wrong code counts toward lockout.
    /// </summary>
    public async Task<PhoneChangeResult> ConfirmAsync(
        PortalUser user, PendingPhoneChange pending, string? code, string? ipAddress, CancellationToken ct = default)
    {
        if (await StillValidAsync(user, pending) is { } expired)
        {
            return expired;
        }
        var digits = OneTimeCodeFormat.StripSeparators(code);
        if (!NewNumberCodes.IsWellFormed(pending.Proof, digits))
        {
            return Pending(pending, PhoneChangeOutcome.ProofRefused, null, null) with { ProofError = AccountStrings.PhoneChange_ProofMalformed };
        }
        var check = await counted.RunAsync(user, c => codes.CheckAsync(pending, digits, c), checkedCode => checkedCode.Status switch
        {
            NewNumberCodeStatus.Done => CodeVerdict.Right,
            NewNumberCodeStatus.WrongCode => CodeVerdict.Wrong,
            // No code pending for the new number, or the provider is down: nothing was guessed.
            _ => CodeVerdict.NotAGuess,
        }, ct);
        switch (check.Outcome)
        {
            case CountedCheckOutcome.Right:
                // The user was read again when the count settled: a stamp renewed meanwhile (another change, a reset by an
                // administrator) voids this change, as it would have before the check.
                return await StillValidAsync(user, pending) ?? await ApplyAsync(
                    user, pending.E164, pending.CallingCode, pending.Region, proven: true, pending.NewAuthyId, ipAddress, ct);
            case CountedCheckOutcome.LockedOut:
                return new PhoneChangeResult { Outcome = PhoneChangeOutcome.LockedOut, ProofError = CodeMessages.LockedOut };
            case CountedCheckOutcome.Wrong:
                await WriteAsync(user, AuditEvents.TwoFactorReverificationFailed, false, $"{ProofPurpose} {pending.MaskedNumber}", ipAddress, ct);
                return Pending(pending, PhoneChangeOutcome.ProofRefused, null, null) with { ProofError = AccountStrings.PhoneChange_ProofWrong };
            case CountedCheckOutcome.WrongAndLockedOut:
                await WriteAsync(user, AuditEvents.TwoFactorReverificationFailed, false, $"{ProofPurpose} {pending.MaskedNumber}", ipAddress, ct);
                await WriteAsync(user, AuditEvents.LockedOut, false, ProofPurpose, ipAddress, ct);
                return new PhoneChangeResult { Outcome = PhoneChangeOutcome.LockedOut, ProofError = CodeMessages.LockedOut };
        }
        return check.Result!.Status == NewNumberCodeStatus.NoCode
            ? Pending(pending, PhoneChangeOutcome.ProofRefused, null, null) with { ProofError = check.Result.Message }
            : Pending(pending, PhoneChangeOutcome.ProviderUnavailable, AccountStrings.PhoneChange_CheckFailed(check.Result.Message), null);
    }

    private async Task<PhoneChangeResult> ApplyAsync(
        PortalUser user, string e164, int callingCode, string region, bool proven, string? newAuthyId, string? ipAddress, CancellationToken ct)
    {
        var before = PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode);
        var oldAuthyId = user.AuthyId;
        var oldStamp = await users.GetSecurityStampAsync(user);
        user.PhoneNumber = e164;
        user.PhoneCountryCode = callingCode;
        user.PhoneRegion = region;
        // Confirmed only when a code sent to the new number verified; contact data alone is not proven.
        user.PhoneNumberConfirmed = proven;
        if (newAuthyId is not null)
        {
            user.AuthyId = newAuthyId;
        }
        // Saves the row and renews the stamp in one update: every session ends and remembered devices are forgotten,
        // since PortalSignInManager binds them to the stamp. The session that made the change may renew itself.
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            return new PhoneChangeResult
            {
                Outcome = PhoneChangeOutcome.InvalidNumber,
                NumberError = string.Join(" ", updated.Errors.Select(e => e.Description)),
            };
        }
        await WriteAsync(user, AuditEvents.PhoneNumberChanged, true, $"{before} → {PhoneMask.Mask(e164, callingCode)}", ipAddress, ct);
        await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.PhoneNumberChanged)
        {
            Detail = PhoneMask.Mask(e164, callingCode),
            IpAddress = ipAddress,
        }, ct);
        if (newAuthyId is not null && !string.IsNullOrEmpty(oldAuthyId) && oldAuthyId != newAuthyId)
        {
            await authy.ReleaseAsync(user, oldAuthyId, ct);
        }
        return new PhoneChangeResult
        {
            Outcome = PhoneChangeOutcome.Saved,
            SessionRenewal = renewal.Issue(user.Id, oldStamp, await users.GetSecurityStampAsync(user)),
        };
    }

    /// <summary>Null while the pending change may go on: the same user, unexpired, and the account unchanged since the current code.</summary>
    private async Task<PhoneChangeResult?> StillValidAsync(PortalUser user, PendingPhoneChange pending) =>
        pending.UserId == user.Id
        && time.GetUtcNow() < pending.ExpiresAt
        && pending.SecurityStamp == await users.GetSecurityStampAsync(user)
            ? null
            : Expired;

    private static PhoneChangeResult Expired => new()
    {
        Outcome = PhoneChangeOutcome.Expired,
        Message = AccountStrings.PhoneChange_Expired,
    };

    private static PhoneChangeResult Pending(PendingPhoneChange pending, PhoneChangeOutcome outcome, string? message, DateTimeOffset? nextAllowedAt) =>
        new() { Outcome = outcome, Pending = pending, Message = message, NextAllowedAt = nextAllowedAt };

    private Task WriteAsync(PortalUser user, string auditEvent, bool succeeded, string? detail, string? ipAddress, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(auditEvent, succeeded ? AuditOutcome.Success : AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            IpAddress = ipAddress,
            Detail = detail,
        }, ct);
}
