using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// "Send SMS" / "Call me" at the token prompt, for every method that sends codes: capped per account by the shared
/// <see cref="OtpDeliveryLimiter"/>, audited, sent once and never retried behind the user's back; a send that did not
/// go out is released and does not count. None resets the failure count.
/// </summary>
public sealed class LoginCodeDelivery(
    SignInChallenges challenges,
    SecondFactorMethods methods,
    OtpDeliveryLimiter limiter,
    AccountLockout lockout,
    DateDisplay dates,
    AuditLog audit)
{
    public async Task<CodeDeliveryResult> SendCodeAsync(
        string? challengeToken, EnrollmentMethod method, CodeChannel channel, string? ip, CancellationToken ct = default)
    {
        var userId = await challenges.FindUserIdAsync(challengeToken, ct);
        var user = userId is null ? null : await lockout.FreshUserAsync(userId, ct);
        if (user is null)
        {
            return new CodeDeliveryResult(CodeDeliveryStatus.Expired, TwoFactorLoginResult.Expired.Message);
        }
        if (methods.Find(method) is not ICodeSendingMethod sender || await sender.OfferAsync(user, ct) is not { } offer
            || !offer.Has(FactorCapabilities.SendsCode))
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

        var sent = await sender.SendCodeAsync(user, channel, ct);
        await audit.WriteAsync(new AuditEntry(channel == CodeChannel.Sms ? AuditEvents.SmsRequested : AuditEvents.CallRequested,
            sent.Sent ? AuditOutcome.Success : AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ip,
            Detail = sent.AuditDetail,
        }, ct);

        if (sent.Sent)
        {
            var masked = PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode);
            var message = channel == CodeChannel.Sms ? TwoFactorStrings.Code_SentBySms(masked) : TwoFactorStrings.Code_CallingWithCode(masked);
            return new CodeDeliveryResult(CodeDeliveryStatus.Sent, message, reservation.Allowance.NextAllowedAt) { Sends = reservation.Allowance };
        }
        // Refused, failed or ignored by the provider: nothing reached the phone, so it does not count toward the cap.
        var released = await limiter.ReleaseAsync(user.Id, reservation, ct);
        return new CodeDeliveryResult(CodeDeliveryStatus.Unavailable, $"{sent.Message} {sent.Fallback}", released.NextAllowedAt)
        {
            Sends = released,
        };
    }
}
