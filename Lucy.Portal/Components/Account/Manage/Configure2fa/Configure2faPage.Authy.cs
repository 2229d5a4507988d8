using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Components.Account.Manage.Configure2fa;

/// <summary>The Authy part of the wizard: register the saved phone (pending), get a code (app or SMS), confirm it.</summary>
public partial class Configure2faPage
{
    private async Task<AuthyEnrollmentResult> RegisterWithAuthyAsync()
    {
        var result = await Account.RunAsync<TwoFactorAccountService, AuthyEnrollmentResult>(
            (twoFactor, user) => twoFactor.RegisterWithAuthyAsync(user));
        if (result.Succeeded)
        {
            Next();
            StateHasChanged();
        }
        return result;
    }

    private Task<AuthyEnrollmentResult> SendAuthySmsAsync() =>
        Account.RunAsync<TwoFactorAccountService, AuthyEnrollmentResult>((twoFactor, user) => twoFactor.SendAuthySmsAsync(user));

    private async Task<AuthyEnrollmentResult> VerifyAuthyAsync(string code)
    {
        var result = await Account.RunAsync<TwoFactorAccountService, AuthyEnrollmentResult>(
            (twoFactor, user) => twoFactor.ConfirmAuthyAsync(user, code, ClientAddress));
        if (result.Succeeded)
        {
            await MethodConfirmedAsync();
        }
        else if (result.Status == AuthyEnrollmentStatus.LockedOut)
        {
            LockedOut();
        }
        StateHasChanged();
        return result;
    }
}
