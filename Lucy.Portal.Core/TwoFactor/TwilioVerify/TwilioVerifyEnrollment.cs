using Lucy.Portal.Core.Localization;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwilioVerify;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// Enrolls a user with Twilio Verify: a code to the saved mobile number (SMS or call, capped per account), and the
/// method confirmed only once Verify approves it. Verify keeps no per-user record, so the confirmation lives on the
/// user: PhoneNumberConfirmed and <see cref="PortalUser.TwoFactorViaTwilioVerify"/>.
/// </summary>
public sealed class TwilioVerifyEnrollment(
    UserManager<PortalUser> users,
    TwilioVerifyCodes codes,
    CountedCodeCheck counted,
    OtpDeliveryLimiter limiter,
    DateDisplay dates,
    AdvancedSettingsCache settings,
    AuditLog audit)
{
    public async Task<bool> IsAvailableAsync(CancellationToken ct = default) => (await settings.GetAsync(ct)).UsesTwilioVerify;

    public async Task<TwilioVerifyEnrollmentResult> SendCodeAsync(PortalUser user, CodeChannel channel, CancellationToken ct = default)
    {
        if (!await IsAvailableAsync(ct) || string.IsNullOrEmpty(user.PhoneNumber))
        {
            return NotStarted;
        }
        // Enrollment shares the login cap: the same phone, the same bill.
        var reservation = await limiter.TryReserveAsync(user.Id, channel.ToString(), ct);
        if (!reservation.Granted)
        {
            return new(TwilioVerifyEnrollmentStatus.TooSoon, SendLimitMessages.Refused(reservation.Allowance, await dates.GetFormatAsync(ct)),
                reservation.Allowance.NextAllowedAt);
        }
        var sent = await codes.SendAsync(user.PhoneNumber, channel, ProviderLocale.For(user), ct);
        await WriteAuditAsync(user, channel == CodeChannel.Sms ? AuditEvents.SmsRequested : AuditEvents.CallRequested,
            sent.Succeeded, sent.Succeeded ? "enrollment" : $"enrollment: {sent.Status} {sent.ErrorCode}".Trim(), ct);
        if (!sent.Succeeded)
        {
            var released = await limiter.ReleaseAsync(user.Id, reservation, ct);
            return new(sent.Status is TwilioVerifyStatus.Unavailable or TwilioVerifyStatus.InvalidCredentials or TwilioVerifyStatus.NotConfigured
                ? TwilioVerifyEnrollmentStatus.Unavailable : TwilioVerifyEnrollmentStatus.Refused, sent.Message, released.NextAllowedAt);
        }
        var masked = PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode);
        return new(TwilioVerifyEnrollmentStatus.Done,
            channel == CodeChannel.Sms ? TwoFactorStrings.Code_SentBySms(masked) : TwoFactorStrings.Code_CallingWithCode(masked), reservation.Allowance.NextAllowedAt);
    }

    /// <summary>Checks the code with Verify; only an approval confirms the phone for 2FA. A wrong code counts toward lockout.</summary>
    public async Task<TwilioVerifyEnrollmentResult> ConfirmAsync(PortalUser user, string? code, CancellationToken ct = default)
    {
        if (!await IsAvailableAsync(ct) || string.IsNullOrEmpty(user.PhoneNumber))
        {
            return NotStarted;
        }
        var digits = OneTimeCodeFormat.StripSeparators(code);
        if (!TwilioVerifyInput.IsCode(digits))
        {
            return new(TwilioVerifyEnrollmentStatus.Malformed, TwoFactorStrings.TwilioVerify_Malformed);
        }
        var phone = user.PhoneNumber;
        var check = await counted.RunAsync(user, c => codes.CheckAsync(phone, digits, c), checkedCode => checkedCode.Status switch
        {
            TwilioVerifyStatus.Approved => CodeVerdict.Right,
            TwilioVerifyStatus.WrongCode => CodeVerdict.Wrong,
            // Expired, refused (too many checks or sends, throttled) or down: nothing was guessed.
            _ => CodeVerdict.NotAGuess,
        }, ct);
        switch (check.Outcome)
        {
            case CountedCheckOutcome.Right:
                // The user was read again when the count settled: a number changed meanwhile was not the one proved.
                if (user.PhoneNumber != phone)
                {
                    return NotStarted;
                }
                user.PhoneNumberConfirmed = true;
                user.TwoFactorViaTwilioVerify = true;
                if (!(await users.UpdateAsync(user)).Succeeded)
                {
                    return NotStarted;
                }
                await WriteAuditAsync(user, AuditEvents.TwilioVerifyEnrolled, true, null, ct);
                return new(TwilioVerifyEnrollmentStatus.Done, TwoFactorStrings.TwilioVerify_PhoneConfirmed);
            case CountedCheckOutcome.LockedOut:
                return new(TwilioVerifyEnrollmentStatus.LockedOut, CodeMessages.LockedOut);
            case CountedCheckOutcome.Wrong or CountedCheckOutcome.WrongAndLockedOut:
                // TwoFactorAccountService audits it and ends every session if this locked the account.
                return new(TwilioVerifyEnrollmentStatus.WrongCode, TwoFactorStrings.Code_WrongTryNewest);
        }
        var refused = check.Result!;
        switch (refused.Status)
        {
            case TwilioVerifyStatus.NotFound:
                return new(TwilioVerifyEnrollmentStatus.Expired, TwoFactorStrings.Code_ExpiredSendNew);
            case TwilioVerifyStatus.MaxCheckAttempts or TwilioVerifyStatus.MaxSendAttempts or TwilioVerifyStatus.Throttled or TwilioVerifyStatus.InvalidPhone:
                return new(TwilioVerifyEnrollmentStatus.Refused, refused.Message);
            default:
                await WriteAuditAsync(user, AuditEvents.TwilioVerifyEnrolled, false, refused.Status.ToString(), ct);
                return new(TwilioVerifyEnrollmentStatus.Unavailable, TwilioVerifyMessages.Unavailable);
        }
    }

    /// <summary>Forgets the Verify confirmation (disable, or a new phone number): there is nothing to delete at Twilio.</summary>
    public async Task RemoveAsync(PortalUser user, CancellationToken ct = default)
    {
        if (!user.TwoFactorViaTwilioVerify)
        {
            return;
        }
        user.TwoFactorViaTwilioVerify = false;
        await users.UpdateAsync(user);
    }

    private static TwilioVerifyEnrollmentResult NotStarted =>
        new(TwilioVerifyEnrollmentStatus.NotStarted, TwoFactorStrings.TwilioVerify_NotStarted);

    private Task WriteAuditAsync(PortalUser user, string name, bool succeeded, string? detail, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(name, succeeded ? AuditOutcome.Success : AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            Detail = detail,
        }, ct);
}
