using Lucy.Portal.Core.Localization;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>Twilio Verify behind the second-factor seam: a code by SMS or call to the user's confirmed mobile number.</summary>
internal sealed class TwilioVerifyMethod(
    AdvancedSettingsCache settings,
    TwilioVerifyCodes codes,
    TwilioVerifyEnrollment enrollment) : ICodeSendingMethod
{
    private static readonly IReadOnlyList<CodeChannel> BothChannels = [CodeChannel.Sms, CodeChannel.Call];

    public EnrollmentMethod Method => EnrollmentMethod.TwilioVerify;
    public string DisplayName => TwoFactorStrings.TwilioVerify_Name;
    public FactorCapabilities Capabilities => FactorCapabilities.Code | FactorCapabilities.SendsCode;
    public string MalformedMessage => TwoFactorStrings.TwilioVerify_Malformed;

    public Task<bool> IsAvailableAsync(CancellationToken ct = default) => enrollment.IsAvailableAsync(ct);

    public Task<bool> IsEnrolledAsync(PortalUser user, CancellationToken ct = default) => Task.FromResult(user.TwoFactorViaTwilioVerify);

    public async Task<FactorOffer?> OfferAsync(PortalUser user, CancellationToken ct = default) =>
        await UsableAsync(user, ct) ? new FactorOffer(Method, DisplayName, Capabilities)
        {
            Channels = BothChannels,
            CodeHint = TwoFactorStrings.TwilioVerify_CodeHint,
        }
        : null;

    public string? NormalizeCode(string? input)
    {
        var digits = OneTimeCodeFormat.StripSeparators(input);
        return TwilioVerifyInput.IsCode(digits) ? digits : null;
    }

    public async Task<FactorCheckOutcome> CheckCodeAsync(PortalUser user, string code, CancellationToken ct = default)
    {
        if (!await UsableAsync(user, ct))
        {
            return FactorCheckOutcome.NotAvailable;
        }
        return (await codes.CheckAsync(user.PhoneNumber!, code, ct)).Status switch
        {
            TwilioVerifyStatus.Approved => FactorCheckOutcome.Accepted,
            TwilioVerifyStatus.WrongCode => FactorCheckOutcome.Wrong,
            TwilioVerifyStatus.NotFound => FactorCheckOutcome.CodeExpired,
            TwilioVerifyStatus.MaxSendAttempts => FactorCheckOutcome.TooManySends,
            TwilioVerifyStatus.MaxCheckAttempts => FactorCheckOutcome.TooManyChecks,
            TwilioVerifyStatus.Throttled => FactorCheckOutcome.ProviderThrottled,
            _ => FactorCheckOutcome.ProviderUnavailable,
        };
    }

    public async Task<CodeSend> SendCodeAsync(PortalUser user, CodeChannel channel, CancellationToken ct = default)
    {
        if (!await UsableAsync(user, ct))
        {
            return new CodeSend(false, TwilioVerifyMessages.NotConfigured);
        }
        var sent = await codes.SendAsync(user.PhoneNumber!, channel, ProviderLocale.For(user), ct);
        return new CodeSend(sent.Succeeded, sent.Message)
        {
            AuditDetail = sent.Succeeded ? "twilio verify" : $"twilio verify: {sent.Status} {sent.ErrorCode}".Trim(),
        };
    }

    public EnrollmentChoice DescribeEnrollment(PortalUser user) => new(Method, TwoFactorStrings.TwilioVerify_EnrollmentName, TwoFactorStrings.TwilioVerify_Description)
    {
        Blocker = string.IsNullOrEmpty(user.PhoneNumber) ? EnrollmentBlockers.NeedsPhone : null,
    };

    public Task RemoveAsync(PortalUser user, string? ipAddress, CancellationToken ct = default) => enrollment.RemoveAsync(user, ct);

    /// <summary>Verify is the provider and the user confirmed their phone with it; a new number clears the flag.</summary>
    private async Task<bool> UsableAsync(PortalUser user, CancellationToken ct) =>
        user.TwoFactorViaTwilioVerify && !string.IsNullOrEmpty(user.PhoneNumber) && (await settings.GetAsync(ct)).UsesTwilioVerify;
}
