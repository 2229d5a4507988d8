using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// Authy OneTouch at the token prompt: a push followed live (codes and their sends go through the seam).
/// Every push is capped per account with the code sends; none resets the failure count; never retried behind the user's back.
/// </summary>
public sealed class AuthyLoginDelivery(
    SignInChallenges challenges,
    UserManager<PortalUser> users,
    OtpDeliveryLimiter limiter,
    AuthyOneTouch oneTouch,
    AccountLockout lockout,
    DateDisplay dates,
    AuditLog audit)
{
    public async Task<OneTouchResult> StartOneTouchAsync(string? challengeToken, string? ip, CancellationToken ct = default)
    {
        var user = await PendingAuthyUserAsync(challengeToken, ct);
        if (user is null)
        {
            return new OneTouchResult(OneTouchStatus.LoginExpired, TwoFactorLoginResult.Expired.Message);
        }
        var reservation = await limiter.TryReserveAsync(user.Id, "OneTouch", ct);
        if (!reservation.Granted)
        {
            return new OneTouchResult(OneTouchStatus.TooSoon, SendLimitMessages.Refused(reservation.Allowance, await dates.GetFormatAsync(ct)))
            {
                NextAllowedAt = reservation.Allowance.NextAllowedAt,
                Sends = reservation.Allowance,
            };
        }
        var request = new AuthyApprovalRequest(SignInStrings.OneTouch_Title, new Dictionary<string, string>
        {
            [SignInStrings.OneTouch_Account] = user.Email ?? "",
            [SignInStrings.OneTouch_FromIp] = ip ?? SignInStrings.OneTouch_UnknownIp,
        });
        var created = await oneTouch.CreateApprovalRequestAsync(user.AuthyId!, request, ct);
        await audit.WriteAsync(new AuditEntry(AuditEvents.OneTouchRequested, created.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ip,
        }, ct);
        if (!created.Succeeded || created.Value is null)
        {
            var released = await limiter.ReleaseAsync(user.Id, reservation, ct);
            return new OneTouchResult(OneTouchStatus.Unavailable, SignInStrings.OneTouch_EnterCodeInstead(created.Message))
            {
                NextAllowedAt = released.NextAllowedAt,
                Sends = released,
            };
        }
        await challenges.AttachOneTouchAsync(challengeToken!, created.Value, ct);
        return new OneTouchResult(OneTouchStatus.Pending, SignInStrings.OneTouch_Sent)
        {
            NextAllowedAt = reservation.Allowance.NextAllowedAt,
            Sends = reservation.Allowance,
        };
    }

    /// <summary>
    /// The push's state: the answer a signed callback recorded if there is one, otherwise (when askAuthy) Authy's
    /// status endpoint. An approval turns the challenge into a sign-in grant.
    /// </summary>
    public async Task<OneTouchResult> CheckOneTouchAsync(string? challengeToken, bool rememberDevice, string? ip, bool askAuthy = true, CancellationToken ct = default)
    {
        var user = await PendingAuthyUserAsync(challengeToken, ct);
        var pending = await challenges.FindOneTouchAsync(challengeToken, ct);
        if (user is null || pending is null)
        {
            return new OneTouchResult(OneTouchStatus.LoginExpired, TwoFactorLoginResult.Expired.Message);
        }
        var status = await ApprovalStatusAsync(pending, askAuthy, ct);
        if (!status.Succeeded)
        {
            return new OneTouchResult(OneTouchStatus.Unavailable, SignInStrings.OneTouch_EnterCodeInstead(status.Message));
        }
        switch (status.Value)
        {
            case AuthyApprovalStatus.Approved:
                if (await users.IsLockedOutAsync(user))
                {
                    return new OneTouchResult(OneTouchStatus.Denied, TwoFactorLoginResult.Locked(await users.GetLockoutEndDateAsync(user)).Message);
                }
                var grant = await challenges.IssueGrantAsync(challengeToken!, OneTouchGrantMethod, rememberDevice, ct);
                if (grant is null)
                {
                    return new OneTouchResult(OneTouchStatus.LoginExpired, TwoFactorLoginResult.Expired.Message);
                }
                await users.ResetAccessFailedCountAsync(user);
                await WriteOutcomeAsync(user, AuditOutcome.Success, ip, "approved", ct);
                return new OneTouchResult(OneTouchStatus.Approved, SignInStrings.OneTouch_Approved) { Grant = grant };
            case AuthyApprovalStatus.Denied:
                // A denied push is someone saying "that was not me": it counts like a wrong code.
                await users.AccessFailedAsync(user);
                await WriteOutcomeAsync(user, AuditOutcome.Failure, ip, "denied", ct);
                return new OneTouchResult(OneTouchStatus.Denied, SignInStrings.OneTouch_Denied);
            case AuthyApprovalStatus.Expired:
                return new OneTouchResult(OneTouchStatus.Expired, ProviderStrings.Authy_ApprovalExpired);
            default:
                return new OneTouchResult(OneTouchStatus.Pending, SignInStrings.OneTouch_Pending);
        }
    }

    /// <summary>How an approved push names itself in the grant and the audit.</summary>
    private const string OneTouchGrantMethod = "AuthyOneTouch";

    private async Task<AuthyResult<AuthyApprovalStatus>> ApprovalStatusAsync(PendingOneTouch pending, bool askAuthy, CancellationToken ct) =>
        pending.Answer is { } answer ? AuthyResult.Ok(answer, SignInStrings.OneTouch_Answered)
        : askAuthy ? await oneTouch.GetApprovalStatusAsync(pending.Uuid, ct)
        : AuthyResult.Ok(AuthyApprovalStatus.Pending, ProviderStrings.Authy_ApprovalPending);

    private Task WriteOutcomeAsync(PortalUser user, AuditOutcome outcome, string? ip, string detail, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(AuditEvents.LoginSecondFactor, outcome)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ip,
            Detail = $"{OneTouchGrantMethod}: {detail}",
        }, ct);

    private async Task<PortalUser?> PendingAuthyUserAsync(string? challengeToken, CancellationToken ct)
    {
        var userId = await challenges.FindUserIdAsync(challengeToken, ct);
        var user = userId is null ? null : await lockout.FreshUserAsync(userId, ct);
        return user is { AuthyId.Length: > 0 } ? user : null;
    }
}
