using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// "Send SMS" / "Call me" at the token prompt for a user enrolled with Twilio Verify: a code to the confirmed mobile
/// number, capped per account by the shared <see cref="OtpDeliveryLimiter"/>, sent once and never retried behind the user's back.
/// </summary>
public sealed class TwilioVerifyLoginDelivery(
    SignInChallenges challenges,
    OtpDeliveryLimiter limiter,
    TwilioVerifyCodes codes,
    AdvancedSettingsCache settings,
    AccountLockout lockout,
    DateDisplay dates,
    AuditLog audit)
{
    public async Task<CodeDeliveryResult> SendCodeAsync(string? challengeToken, TwilioVerifyChannel channel, string? ip, CancellationToken ct = default)
    {
        var userId = await challenges.FindUserIdAsync(challengeToken, ct);
        var user = userId is null ? null : await lockout.FreshUserAsync(userId, ct);
        if (user is null)
        {
            return new CodeDeliveryResult(CodeDeliveryStatus.Expired, TwoFactorLoginResult.Expired.Message);
        }
        if (!(await settings.GetAsync(ct)).UsesTwilioVerify || !user.TwoFactorViaTwilioVerify || string.IsNullOrEmpty(user.PhoneNumber))
        {
            return new CodeDeliveryResult(CodeDeliveryStatus.NotAvailable, TwoFactorLoginResult.NotAvailable.Message);
        }
        var reservation = await limiter.TryReserveAsync(user.Id, channel.ToString(), ct);
        if (!reservation.Granted)
        {
            return new CodeDeliveryResult(CodeDeliveryStatus.TooSoon,
                SendLimitMessages.Refused(reservation.Allowance, await dates.GetFormatAsync(ct)), reservation.Allowance.NextAllowedAt)
            {
                Sends = reservation.Allowance,
            };
        }

        var sent = await codes.SendAsync(user.PhoneNumber, channel, ct: ct);
        await audit.WriteAsync(new AuditEntry(channel == TwilioVerifyChannel.Sms ? AuditEvents.SmsRequested : AuditEvents.CallRequested,
            sent.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ip,
            Detail = sent.Succeeded ? "twilio verify" : $"twilio verify: {sent.Status} {sent.ErrorCode}".Trim(),
        }, ct);

        if (sent.Succeeded)
        {
            var masked = PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode);
            var message = channel == TwilioVerifyChannel.Sms ? $"We sent a code by SMS to {masked}." : $"We are calling {masked} with your code.";
            return new CodeDeliveryResult(CodeDeliveryStatus.Sent, message, reservation.Allowance.NextAllowedAt) { Sends = reservation.Allowance };
        }
        // Refused or failed at Verify: nothing reached the phone, so it does not count toward the cap.
        var released = await limiter.ReleaseAsync(user.Id, reservation, ct);
        return new CodeDeliveryResult(CodeDeliveryStatus.Unavailable, $"{sent.Message} You can also use a recovery code.", released.NextAllowedAt)
        {
            Sends = released,
        };
    }
}
