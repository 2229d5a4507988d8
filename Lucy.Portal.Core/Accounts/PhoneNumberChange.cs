using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// Saves a user's own mobile number: E.164 in Identity's PhoneNumber, calling code and region beside it. With 2FA on,
/// a new number is a new authenticator binding (SP 800-63B §3.1.3.3), so a current code is asked first.
/// </summary>
public sealed class PhoneNumberChange(
    UserManager<PortalUser> users, TwoFactorAccountService twoFactor, AuthyEnrollment authy, RecoveryCodeStore recoveryCodes, AuditLog audit)
{
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

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(currentCode))
            {
                return new PhoneChangeResult
                {
                    Outcome = PhoneChangeOutcome.CodeRequired,
                    CodeError = "2FA is on: enter a code from your authenticator app, or a recovery code, to change the number.",
                };
            }
            var verified = await twoFactor.VerifyCurrentFactorAsync(user, currentCode, "change phone number", ipAddress, ct);
            if (verified != CurrentFactorCheck.Accepted)
            {
                return new PhoneChangeResult { Outcome = PhoneChangeOutcome.CodeRefused, CodeCheck = verified, CodeError = CodeMessages.For(verified) };
            }
            if (!string.IsNullOrEmpty(user.AuthyId))
            {
                var moved = await authy.MoveToPhoneAsync(user, check.CallingCode!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    TwoFactorAccountService.NationalNumber(check.E164!, check.CallingCode.Value), ct);
                if (!moved.Succeeded)
                {
                    return new PhoneChangeResult { Outcome = PhoneChangeOutcome.InvalidNumber, NumberError = moved.Message };
                }
            }
        }

        // Twilio Verify codes go to the saved number itself, and nobody has proved the new one yet. Rather than bind 2FA to
        // an unproven number, the Verify enrollment ends here (2FA off, recovery codes gone) and the user configures 2FA
        // again, which proves the new number with a code. The change itself needed a current code (above).
        var verifyReset = user.TwoFactorViaTwilioVerify;
        if (verifyReset)
        {
            user.TwoFactorViaTwilioVerify = false;
            user.TwoFactorEnabled = false;
            await recoveryCodes.RemoveAllAsync(user, ct);
        }

        var before = PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode);
        user.PhoneNumber = check.E164;
        user.PhoneNumberConfirmed = false;
        user.PhoneCountryCode = check.CallingCode;
        user.PhoneRegion = check.Region;
        // UpdateAsync, not SetPhoneNumberAsync: that one also renews the security stamp and would log the user out.
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return new PhoneChangeResult
            {
                Outcome = PhoneChangeOutcome.InvalidNumber,
                NumberError = string.Join(" ", updated.Errors.Select(e => e.Description)),
            };
        }

        await audit.WriteAsync(new AuditEntry(AuditEvents.PhoneNumberChanged, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            IpAddress = ipAddress,
            Detail = $"{before} → {PhoneMask.Mask(user.PhoneNumber, user.PhoneCountryCode)}",
        }, ct);
        if (verifyReset)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.TwoFactorDisabled, AuditOutcome.Success)
            {
                ActorId = user.Id,
                ActorEmail = user.Email,
                SubjectId = user.Id,
                IpAddress = ipAddress,
                Detail = "twilio verify: phone number changed, 2FA must be configured again",
            }, ct);
        }
        return new PhoneChangeResult { Outcome = PhoneChangeOutcome.Saved, TwoFactorReset = verifyReset };
    }
}
