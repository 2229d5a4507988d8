using Lucy.Portal.Core.Localization;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// Authy behind the second-factor seam: codes from the Authy app or a forced SMS or call, checked with force=true,
/// and OneTouch when the Authy application allows it. The Refit client stays in Core/Authy.
/// </summary>
internal sealed class AuthyMethod(
    AdvancedSettingsCache settings,
    AuthyFeatures features,
    AuthyTokenVerifier tokens,
    AuthyCodeSender sender,
    AuthyEnrollment enrollment) : ICodeSendingMethod
{
    public EnrollmentMethod Method => EnrollmentMethod.Authy;
    public string DisplayName => "Authy";
    public FactorCapabilities Capabilities => FactorCapabilities.Code | FactorCapabilities.SendsCode | FactorCapabilities.Push;
    public string MalformedMessage => TwoFactorStrings.Authy_Malformed;

    public Task<bool> IsAvailableAsync(CancellationToken ct = default) => enrollment.IsAvailableAsync(ct);

    public Task<bool> IsEnrolledAsync(PortalUser user, CancellationToken ct = default) => Task.FromResult(!string.IsNullOrEmpty(user.AuthyId));

    public async Task<FactorOffer?> OfferAsync(PortalUser user, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        if (!current.UsesAuthy || string.IsNullOrEmpty(user.AuthyId))
        {
            return null;
        }
        // Which extras the Authy application allows; if Authy cannot say, codes from the app (and SMS) still work.
        var allowed = await features.GetAsync(current, ct);
        var channels = new List<CodeChannel>();
        if (allowed?.SmsEnabled ?? true)
        {
            channels.Add(CodeChannel.Sms);
        }
        if (allowed?.VoiceEnabled ?? false)
        {
            channels.Add(CodeChannel.Call);
        }
        var capabilities = FactorCapabilities.Code
            | (channels.Count > 0 ? FactorCapabilities.SendsCode : 0)
            | (allowed?.OneTouchEnabled == true ? FactorCapabilities.Push : 0);
        return new FactorOffer(Method, DisplayName, capabilities)
        {
            Channels = channels,
            CodeLabel = TwoFactorStrings.Authy_CodeLabel,
            CodeHint = TwoFactorStrings.Authy_CodeHint,
        };
    }

    public string? NormalizeCode(string? input)
    {
        var token = OneTimeCodeFormat.StripSeparators(input);
        return AuthyInput.IsToken(token) ? token : null;
    }

    public async Task<FactorCheckOutcome> CheckCodeAsync(PortalUser user, string code, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(user.AuthyId) || !(await settings.GetAsync(ct)).UsesAuthy)
        {
            return FactorCheckOutcome.NotAvailable;
        }
        return (await tokens.VerifyAsync(user.AuthyId, code, ct)).Status switch
        {
            AuthyStatus.Ok => FactorCheckOutcome.Accepted,
            AuthyStatus.TokenInvalid => FactorCheckOutcome.Wrong,
            AuthyStatus.TokenReused => FactorCheckOutcome.Replayed,
            AuthyStatus.UserNotFound => FactorCheckOutcome.ProviderLostUser,
            _ => FactorCheckOutcome.ProviderUnavailable,
        };
    }

    public async Task<CodeSend> SendCodeAsync(PortalUser user, CodeChannel channel, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(user.AuthyId))
        {
            return new CodeSend(false, TwoFactorStrings.Authy_NotSetUpForAccount);
        }
        var result = channel == CodeChannel.Sms
            ? await sender.SendSmsAsync(user.AuthyId, new AuthyCodeRequestOptions(ProviderLocale.For(user)), ct)
            : await sender.StartCallAsync(user.AuthyId, new AuthyCodeRequestOptions(ProviderLocale.For(user)), ct);
        return new CodeSend(result.Succeeded, result.Message)
        {
            AuditDetail = result.Succeeded ? null : $"{result.Status} {result.ErrorCode}".Trim(),
            Fallback = TwoFactorStrings.Authy_Fallback,
        };
    }

    public EnrollmentChoice DescribeEnrollment(PortalUser user) => new(Method, DisplayName, TwoFactorStrings.Authy_Description)
    {
        LabelNote = TwoFactorStrings.Authy_LabelNote,
        Blocker = !string.IsNullOrEmpty(user.PhoneNumber) && user.PhoneCountryCode is not null ? null : EnrollmentBlockers.NeedsPhone,
    };

    public Task RemoveAsync(PortalUser user, string? ipAddress, CancellationToken ct = default) => enrollment.RemoveAsync(user, ct);
}
