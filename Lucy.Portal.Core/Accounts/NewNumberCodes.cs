using Lucy.Portal.Core.Localization;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Accounts;

/// <summary>What came of registering, texting or checking a new number with the 2FA provider.</summary>
public enum NewNumberCodeStatus
{
    Done,
    /// <summary>The provider refused the number itself.</summary>
    InvalidPhone,
    /// <summary>The code is wrong or already used: counts toward lockout.</summary>
    WrongCode,
    /// <summary>No code is waiting (Verify's expired, or Authy forgot the new user): send a new one or start again.</summary>
    NoCode,
    /// <summary>Down, throttled, quota, not configured: nothing was counted against the user.</summary>
    Unavailable,
}

public sealed record NewNumberCodeResult(NewNumberCodeStatus Status, string Message, string? Value = null)
{
    public bool Succeeded => Status == NewNumberCodeStatus.Done;
}

/// <summary>
/// The 2FA provider's side of proving a new number: register it with Authy (Authy keys users by phone, so the new
/// phone gets its own authy_id), send it a code and check that code against the new registration, or do the same
/// with Twilio Verify, whose codes belong to the number. Authy sends and checks use force=true and no action
/// (docs/authy-contract.md, "force" and "Action binding"); nothing here is retried.
/// </summary>
public sealed class NewNumberCodes(AuthyUserRegistry registry, AuthyCodeSender authySender, AuthyTokenVerifier authyVerifier, TwilioVerifyCodes verify)
{
    /// <summary>Registers the new phone with Authy; the value is its authy_id, not yet anybody's factor.</summary>
    public async Task<NewNumberCodeResult> RegisterWithAuthyAsync(string email, int callingCode, string nationalNumber, CancellationToken ct = default)
    {
        var registered = await registry.RegisterAsync(
            new AuthyUserRegistration(email, callingCode.ToString(System.Globalization.CultureInfo.InvariantCulture), nationalNumber), ct);
        if (registered.Succeeded && registered.Value is { } authyId)
        {
            return new(NewNumberCodeStatus.Done, "Registered with Authy.", authyId);
        }
        return registered.Status is AuthyStatus.InvalidPhone or AuthyStatus.InvalidRequest
            ? new(NewNumberCodeStatus.InvalidPhone, AccountStrings.NewNumber_AuthyRefused)
            : new(NewNumberCodeStatus.Unavailable, AccountStrings.NewNumber_RegisterFailed(registered.Message));
    }

    public async Task<NewNumberCodeResult> SendAsync(PendingPhoneChange change, CodeChannel channel, CancellationToken ct = default)
    {
        var masked = change.MaskedNumber;
        var sentMessage = channel == CodeChannel.Sms ? TwoFactorStrings.Code_SentBySms(masked) : AccountStrings.NewNumber_Calling(masked);
        if (change.Proof == PhoneProof.Authy)
        {
            var sent = channel == CodeChannel.Sms
                ? await authySender.SendSmsAsync(change.NewAuthyId!, new AuthyCodeRequestOptions(ProviderLocale.For(null)), ct)
                : await authySender.StartCallAsync(change.NewAuthyId!, new AuthyCodeRequestOptions(ProviderLocale.For(null)), ct);
            return sent.Succeeded
                ? new(NewNumberCodeStatus.Done, sentMessage)
                : new(sent.Status == AuthyStatus.UserNotFound ? NewNumberCodeStatus.NoCode : NewNumberCodeStatus.Unavailable, sent.Message);
        }
        var started = await verify.SendAsync(change.E164, channel == CodeChannel.Call ? CodeChannel.Call : CodeChannel.Sms, ProviderLocale.For(null), ct);
        return started.Succeeded
            ? new(NewNumberCodeStatus.Done, sentMessage)
            : new(started.Status == TwilioVerifyStatus.InvalidPhone ? NewNumberCodeStatus.InvalidPhone : NewNumberCodeStatus.Unavailable, started.Message);
    }

    /// <summary>Checks a code that is already known to be well formed for the provider.</summary>
    public async Task<NewNumberCodeResult> CheckAsync(PendingPhoneChange change, string code, CancellationToken ct = default)
    {
        if (change.Proof == PhoneProof.Authy)
        {
            var verified = await authyVerifier.VerifyAsync(change.NewAuthyId!, code, ct);
            return verified.Status switch
            {
                AuthyStatus.Ok => new(NewNumberCodeStatus.Done, TwoFactorStrings.Code_Accepted),
                AuthyStatus.TokenInvalid or AuthyStatus.TokenReused => new(NewNumberCodeStatus.WrongCode, AuthyMessages.TokenInvalid),
                AuthyStatus.UserNotFound => new(NewNumberCodeStatus.NoCode, AccountStrings.NewNumber_AuthyForgot),
                _ => new(NewNumberCodeStatus.Unavailable, verified.Message),
            };
        }
        var checkedCode = await verify.CheckAsync(change.E164, code, ct);
        return checkedCode.Status switch
        {
            TwilioVerifyStatus.Approved => new(NewNumberCodeStatus.Done, TwoFactorStrings.Code_Accepted),
            TwilioVerifyStatus.WrongCode => new(NewNumberCodeStatus.WrongCode, TwilioVerifyMessages.WrongCode),
            TwilioVerifyStatus.NotFound => new(NewNumberCodeStatus.NoCode, TwilioVerifyMessages.NotFound),
            _ => new(NewNumberCodeStatus.Unavailable, checkedCode.Message),
        };
    }

    public static bool IsWellFormed(PhoneProof proof, string code) =>
        proof == PhoneProof.Authy ? AuthyInput.IsToken(code) : TwilioVerifyInput.IsCode(code);
}
