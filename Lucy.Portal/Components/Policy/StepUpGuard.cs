using System.Security.Claims;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Lucy.Portal.Middleware;
using Lucy.Portal.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Lucy.Portal.Components.Policy;

/// <summary>Asks the signed-in administrator to prove themselves again before a dangerous action; see <see cref="StepUpGuard"/>.</summary>
public interface IStepUpGuard
{
    /// <param name="action">What the administrator is about to do ("save settings"): shown in their language, audited in English.</param>
    /// <returns>True when the action may go ahead.</returns>
    Task<bool> ConfirmAsync(StepUpAction action);
}

/// <summary>
/// The one call a page makes before a dangerous action (ASVS 5.0 7.5.1):
/// <c>if (!await StepUp.ConfirmAsync(StepUpAction.Of(T, "Row_ResetStepUpAction", email))) return;</c>. True at once when this session proved the
/// administrator's own factor within the step-up window; otherwise it asks for a current code (or recovery code, or
/// one of the administrator's passkeys),
/// the password for an account without 2FA that no policy requires, or sends the administrator to enrol first.
/// Everything runs on the server, in a scope of its own per call (a circuit lives long, its DbContext should not).
/// </summary>
public sealed class StepUpGuard(
    IServiceScopeFactory scopes,
    AuthenticationStateProvider authentication,
    IDialogService dialogs,
    NavigationManager navigation,
    IStringLocalizer<PolicyText> text,
    IStringLocalizer<SharedText> shared) : IStepUpGuard
{
    public async Task<bool> ConfirmAsync(StepUpAction action)
    {
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = principal.FindFirstValue(PortalClaimTypes.SessionId);
        if (userId is null)
        {
            return false;
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            switch (await scope.ServiceProvider.GetRequiredService<StepUpVerification>().NeedAsync(userId, sessionId))
            {
                case StepUpNeed.None:
                    return true;
                case StepUpNeed.NoSession:
                    return false;
                case StepUpNeed.EnrolFirst:
                    await AskToEnrolAsync(action.Shown);
                    return false;
                case StepUpNeed.Password:
                    return await AskPasswordAsync(userId, sessionId, action);
            }
        }
        return await AskCodeAsync(userId, sessionId, action);
    }

    private async Task AskToEnrolAsync(string action)
    {
        var enrol = await dialogs.ShowMessageBoxAsync(text["StepUp_EnrolTitle"], text["StepUp_EnrolText", action],
            yesText: text["StepUp_EnrolButton"], cancelText: shared["Cancel"]);
        if (enrol == true)
        {
            navigation.NavigateTo(TwoFactorEnrolmentGate.Configure2faPath.TrimStart('/'));
        }
    }

    private async Task<bool> AskCodeAsync(string userId, string? sessionId, StepUpAction action)
    {
        var (hasPasskey, usesVerify) = await WithUserAsync(userId, async (sp, user) =>
            (await sp.GetRequiredService<PasskeyRegistry>().HasAnyAsync(user), user.TwoFactorViaTwilioVerify));
        var parameters = new DialogParameters<CurrentCodeDialog>
        {
            { d => d.Explanation, text[hasPasskey ? "StepUp_CodeOrPasskeyText" : "StepUp_CodeText", action.Shown].Value },
            { d => d.ConfirmText, text["StepUp_Confirm"].Value },
            { d => d.Submit, code => WithUserAsync(userId, (sp, user) =>
                sp.GetRequiredService<StepUpVerification>().ProveWithFactorAsync(user, sessionId, code, action.Audited, ipAddress: null)) },
        };
        if (hasPasskey)
        {
            parameters.Add(d => d.BeginPasskey, () => WithUserAsync(userId, (sp, user) =>
                sp.GetRequiredService<StepUpVerification>().BeginPasskeyAsync(user, sessionId)));
            parameters.Add(d => d.SubmitPasskey, (pending, credential) => WithUserAsync(userId, (sp, user) =>
                sp.GetRequiredService<StepUpVerification>().ProveWithPasskeyAsync(user, sessionId, pending, credential, action.Audited, ipAddress: null)));
        }
        if (usesVerify)
        {
            parameters.Add(d => d.SendCode, () => WithUserAsync(userId, (sp, user) =>
                sp.GetRequiredService<TwoFactorAccountService>().SendCurrentCodeAsync(user)));
        }
        var result = await (await dialogs.ShowAsync<CurrentCodeDialog>(text["StepUp_Title"].Value, parameters, CurrentCodeDialog.Options)).Result;
        var check = result is { Canceled: false, Data: CurrentFactorCheck c } ? c : (CurrentFactorCheck?)null;
        if (check == CurrentFactorCheck.LockedOut)
        {
            navigation.NavigateTo(SignOutReasons.Url(SignOutReasons.LockedOut), forceLoad: true);
        }
        return check == CurrentFactorCheck.Accepted;
    }

    private async Task<bool> AskPasswordAsync(string userId, string? sessionId, StepUpAction action)
    {
        var parameters = new DialogParameters<StepUpPasswordDialog>
        {
            { d => d.Action, action.Shown },
            { d => d.Submit, password => WithUserAsync(userId, (sp, user) =>
                sp.GetRequiredService<StepUpVerification>().ProveWithPasswordAsync(user, sessionId, password, action.Audited, ipAddress: null)) },
        };
        var result = await (await dialogs.ShowAsync<StepUpPasswordDialog>(text["StepUp_Title"].Value, parameters)).Result;
        var outcome = result is { Canceled: false, Data: StepUpPasswordResult r } ? r : (StepUpPasswordResult?)null;
        if (outcome == StepUpPasswordResult.LockedOut)
        {
            navigation.NavigateTo(SignOutReasons.Url(SignOutReasons.LockedOut), forceLoad: true);
        }
        return outcome == StepUpPasswordResult.Accepted;
    }

    private async Task<T> WithUserAsync<T>(string userId, Func<IServiceProvider, PortalUser, Task<T>> operation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId)
            ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        return await operation(scope.ServiceProvider, user);
    }
}
