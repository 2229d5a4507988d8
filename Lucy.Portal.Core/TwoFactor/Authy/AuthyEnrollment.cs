using Lucy.Portal.Core.Localization;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// Enrolls a user with Authy: register the phone (pending), optionally send a forced SMS, and switch Authy on only
/// once a first code verifies with force=true, so a mistyped phone never half-enrolls anyone (authy-devise #132).
/// Removal deletes the Authy user only when no other account shares its authy_id (authy-devise #143).
/// </summary>
public sealed class AuthyEnrollment(
    UserManager<PortalUser> users,
    AuthyUserRegistry registry,
    AuthyCodeSender sender,
    AuthyTokenVerifier verifier,
    CountedCodeCheck counted,
    OtpDeliveryLimiter limiter,
    DateDisplay dates,
    AdvancedSettingsCache settings,
    AuditLog audit)
{
    public async Task<bool> IsAvailableAsync(CancellationToken ct = default) => (await settings.GetAsync(ct)).UsesAuthy;

    /// <summary>Registers the phone with Authy; the returned authy_id stays pending until <see cref="ConfirmAsync"/>.</summary>
    public async Task<AuthyEnrollmentResult> RegisterAsync(PortalUser user, string countryCallingCode, string nationalNumber, CancellationToken ct = default)
    {
        if (!await IsAvailableAsync(ct))
        {
            return new(AuthyEnrollmentStatus.NotStarted, TwoFactorStrings.Authy_NotConfiguredForPortal);
        }
        var registered = await registry.RegisterAsync(new AuthyUserRegistration(user.Email ?? "", countryCallingCode, nationalNumber), ct);
        await WriteAuditAsync(user, AuditEvents.AuthyRegistration, registered.Succeeded, registered.Succeeded ? null : registered.Status.ToString(), ct);
        if (!registered.Succeeded || registered.Value is null)
        {
            return registered.Status is AuthyStatus.InvalidPhone or AuthyStatus.InvalidRequest
                ? new(AuthyEnrollmentStatus.InvalidPhone, TwoFactorStrings.Authy_PhoneRefusedCheckAccount)
                : new(AuthyEnrollmentStatus.Unavailable, registered.Message);
        }
        user.PendingAuthyId = registered.Value;
        await users.UpdateAsync(user);
        return new(AuthyEnrollmentStatus.Done, TwoFactorStrings.Authy_PhoneRegistered);
    }

    public async Task<AuthyEnrollmentResult> SendSmsAsync(PortalUser user, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(user.PendingAuthyId))
        {
            return new(AuthyEnrollmentStatus.NotStarted, TwoFactorStrings.Authy_StartAgainNotRegistered);
        }
        // Enrollment shares the login cap: the same phone, the same bill.
        var reservation = await limiter.TryReserveAsync(user.Id, nameof(CodeChannel.Sms), ct);
        if (!reservation.Granted)
        {
            return new(AuthyEnrollmentStatus.TooSoon, SendLimitMessages.Refused(reservation.Allowance, await dates.GetFormatAsync(ct)),
                reservation.Allowance.NextAllowedAt);
        }
        var sent = await sender.SendSmsAsync(user.PendingAuthyId, new AuthyCodeRequestOptions(ProviderLocale.For(user)), ct);
        await WriteAuditAsync(user, AuditEvents.SmsRequested, sent.Succeeded, "enrollment", ct);
        if (sent.Succeeded)
        {
            return new(AuthyEnrollmentStatus.Done, TwoFactorStrings.Code_SentBySms(PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode)),
                reservation.Allowance.NextAllowedAt);
        }
        var released = await limiter.ReleaseAsync(user.Id, reservation, ct);
        return new(AuthyEnrollmentStatus.Unavailable, sent.Message, released.NextAllowedAt);
    }

    /// <summary>Verifies the first code (force=true) and only then makes the pending authy_id the user's.</summary>
    public async Task<AuthyEnrollmentResult> ConfirmAsync(PortalUser user, string? code, CancellationToken ct = default)
    {
        var token = OneTimeCodeFormat.StripSeparators(code);
        if (string.IsNullOrEmpty(user.PendingAuthyId))
        {
            return new(AuthyEnrollmentStatus.NotStarted, TwoFactorStrings.Authy_StartAgainNotRegistered);
        }
        if (!AuthyInput.IsToken(token))
        {
            return new(AuthyEnrollmentStatus.Malformed, TwoFactorStrings.Authy_EnrollmentMalformed);
        }
        var pendingId = user.PendingAuthyId;
        var check = await counted.RunAsync(user, c => verifier.VerifyAsync(pendingId, token, c), verified => verified.Status switch
        {
            AuthyStatus.TokenInvalid or AuthyStatus.TokenReused => CodeVerdict.Wrong,
            _ => verified.Succeeded ? CodeVerdict.Right : CodeVerdict.NotAGuess,
        }, ct);
        switch (check.Outcome)
        {
            case CountedCheckOutcome.LockedOut:
                return new(AuthyEnrollmentStatus.LockedOut, TwoFactorStrings.Code_TooManyFailedTryLater);
            case CountedCheckOutcome.Wrong or CountedCheckOutcome.WrongAndLockedOut:
                // Counted; whether this failure locked the account (and so ends every session) is the caller's to handle.
                await WriteAuditAsync(user, AuditEvents.AuthyEnrolled, false, "wrong first code", ct);
                return new(AuthyEnrollmentStatus.WrongCode, TwoFactorStrings.Code_WrongTryNewest);
            case CountedCheckOutcome.NotAGuess:
                await WriteAuditAsync(user, AuditEvents.AuthyEnrolled, false, check.Result!.Status.ToString(), ct);
                return new(AuthyEnrollmentStatus.Unavailable, check.Result.Message);
        }
        // The user was read again when the count settled: if another tab registered a new phone or confirmed meanwhile,
        // the authy_id this code proved is no longer the pending one, and nothing is switched on.
        if (user.PendingAuthyId != pendingId)
        {
            return new(AuthyEnrollmentStatus.NotStarted, TwoFactorStrings.Authy_StartAgainNotRegistered);
        }
        user.AuthyId = pendingId;
        user.PendingAuthyId = null;
        if (!(await users.UpdateAsync(user)).Succeeded)
        {
            return new(AuthyEnrollmentStatus.NotStarted, TwoFactorStrings.Authy_StartAgainNotRegistered);
        }
        await WriteAuditAsync(user, AuditEvents.AuthyEnrolled, true, null, ct);
        return new(AuthyEnrollmentStatus.Done, TwoFactorStrings.Authy_SetUp);
    }

    /// <summary>
    /// Deletes at Authy a registration the user has just left (a proven phone change), unless another account
    /// shares the authy_id (authy-devise #143).
    /// </summary>
    public async Task ReleaseAsync(PortalUser user, string oldAuthyId, CancellationToken ct = default)
    {
        if (await users.Users.AnyAsync(u => u.Id != user.Id && (u.AuthyId == oldAuthyId || u.PendingAuthyId == oldAuthyId), ct))
        {
            await WriteAuditAsync(user, AuditEvents.AuthyRemoved, true, "old phone kept at Authy: shared with another account", ct);
            return;
        }
        var removed = await registry.RemoveAsync(oldAuthyId, ct);
        await WriteAuditAsync(user, AuditEvents.AuthyRemoved, removed.Succeeded, removed.Succeeded ? "old phone" : $"old phone: {removed.Status}", ct);
    }

    /// <summary>Forgets the user's Authy registration; deletes it at Authy only if no other account shares it.</summary>
    public async Task RemoveAsync(PortalUser user, CancellationToken ct = default)
    {
        var authyId = user.AuthyId;
        user.AuthyId = null;
        user.PendingAuthyId = null;
        await users.UpdateAsync(user);
        if (string.IsNullOrEmpty(authyId))
        {
            return;
        }
        var shared = await users.Users.AnyAsync(u => u.Id != user.Id && (u.AuthyId == authyId || u.PendingAuthyId == authyId), ct);
        if (!shared)
        {
            var removed = await registry.RemoveAsync(authyId, ct);
            await WriteAuditAsync(user, AuditEvents.AuthyRemoved, removed.Succeeded, removed.Succeeded ? null : removed.Status.ToString(), ct);
        }
        else
        {
            await WriteAuditAsync(user, AuditEvents.AuthyRemoved, true, "kept at Authy: shared with another account", ct);
        }
    }

    private Task WriteAuditAsync(PortalUser user, string name, bool succeeded, string? detail, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(name, succeeded ? AuditOutcome.Success : AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            Detail = detail,
        }, ct);
}
