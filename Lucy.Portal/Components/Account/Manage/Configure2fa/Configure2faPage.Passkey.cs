using Lucy.Portal.Components.Account;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Lucy.Portal.Components.Account.Manage.Configure2fa;

/// <summary>The passkey's part of the wizard: the browser creates a passkey, the server checks and stores it.</summary>
public partial class Configure2faPage
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private async Task<PasskeyAddResult> CreatePasskeyAsync(string name)
    {
        // Each attempt starts over: a passkey of an earlier, unfinished setup is replaced.
        var pending = await Account.RunAsync<PasskeyEnrollment, PendingPasskey>((enrollment, user) => enrollment.StartForWizardAsync(user));
        var answer = await PasskeyBrowser.CreateAsync(JS, pending.OptionsJson);
        if (answer.Error is { } error)
        {
            return PasskeyAddResult.Refused(error);
        }
        var result = await Account.RunAsync<PasskeyEnrollment, PasskeyAddResult>(
            (enrollment, user) => enrollment.CompleteAsync(user, pending, answer.Credential, name, ClientAddress, fromWizard: true));
        if (result.Succeeded)
        {
            await MethodConfirmedAsync();
        }
        StateHasChanged();
        return result;
    }
}
