using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Components.Account.Manage.Configure2fa;

/// <summary>The built-in authenticator's part of the wizard: a pending key once the method is chosen, confirmed by a first code.</summary>
public partial class Configure2faPage
{
    private AuthenticatorSetup? authenticatorSetup;

    // Each start replaces an older pending key, so leaving the wizard and coming back never half-saves anything.
    private async Task StartAuthenticatorAsync() =>
        authenticatorSetup = await Account.RunAsync<TwoFactorAccountService, AuthenticatorSetup>(
            (twoFactor, user) => twoFactor.StartAuthenticatorAsync(user));

    private async Task RestartAuthenticatorAsync()
    {
        await StartAuthenticatorAsync();
        Back();
    }

    private async Task<EnrollmentCodeResult> VerifyAuthenticatorAsync(string code)
    {
        var result = await Account.RunAsync<TwoFactorAccountService, EnrollmentCodeResult>(
            (twoFactor, user) => twoFactor.ConfirmAuthenticatorAsync(user, code, ClientAddress));
        if (result == EnrollmentCodeResult.Confirmed)
        {
            await MethodConfirmedAsync();
        }
        else if (result == EnrollmentCodeResult.LockedOut)
        {
            LockedOut();
        }
        // Called from the step's own handler: this page (and so the stepper) renders only when told.
        StateHasChanged();
        return result;
    }
}
