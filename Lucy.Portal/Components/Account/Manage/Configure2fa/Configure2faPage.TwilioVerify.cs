using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Components.Account.Manage.Configure2fa;

/// <summary>The Twilio Verify part of the wizard: a code to the saved number (SMS or call), confirmed only on approval.</summary>
public partial class Configure2faPage
{
    private Task<TwilioVerifyEnrollmentResult> SendTwilioVerifyCodeAsync(CodeChannel channel) =>
        Account.RunAsync<TwoFactorAccountService, TwilioVerifyEnrollmentResult>(
            (twoFactor, user) => twoFactor.SendTwilioVerifyCodeAsync(user, channel));

    private async Task<TwilioVerifyEnrollmentResult> VerifyTwilioVerifyAsync(string code)
    {
        var result = await Account.RunAsync<TwoFactorAccountService, TwilioVerifyEnrollmentResult>(
            (twoFactor, user) => twoFactor.ConfirmTwilioVerifyAsync(user, code, ClientAddress));
        if (result.Succeeded)
        {
            await MethodConfirmedAsync();
        }
        else if (result.Status == TwilioVerifyEnrollmentStatus.LockedOut)
        {
            LockedOut();
        }
        StateHasChanged();
        return result;
    }
}
