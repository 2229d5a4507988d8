using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Lucy.Portal.Resources;

namespace Lucy.Portal.Components.Pages.SystemSettings;

/// <summary>
/// What every Advanced Settings section shares: the current settings in, "saved" out, and services from a scope the
/// section owns (a circuit lives long; the DbContext behind the services should not outlive the section).
/// </summary>
public abstract class SettingsSectionBase : OwningComponentBase
{
    /// <summary>The settings as last loaded by the page.</summary>
    [Parameter, EditorRequired] public AdvancedSettingsSnapshot Current { get; set; } = AdvancedSettingsSnapshot.Defaults;

    /// <summary>Raised after a successful save so the page reloads the settings for every section.</summary>
    [Parameter] public EventCallback OnSaved { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected AdvancedSettingsService SettingsService => ScopedServices.GetRequiredService<AdvancedSettingsService>();

    protected AuthyKeySettings AuthyKeys => ScopedServices.GetRequiredService<AuthyKeySettings>();

    protected TwilioVerifySettings TwilioVerify => ScopedServices.GetRequiredService<TwilioVerifySettings>();

    /// <summary>True while a save runs; buttons use it against double clicks.</summary>
    protected bool Busy { get; private set; }

    private AdvancedSettingsSnapshot? loadedFrom;

    protected override void OnParametersSet()
    {
        // Copy the settings into the form only when the page hands over a new snapshot, not on every re-render,
        // so an administrator's unsaved edits survive unrelated renders.
        if (!ReferenceEquals(loadedFrom, Current))
        {
            loadedFrom = Current;
            LoadFrom(Current);
        }
    }

    /// <summary>Copies the settings into the section's form fields.</summary>
    protected abstract void LoadFrom(AdvancedSettingsSnapshot settings);

    protected async Task<SettingsActor> ActorAsync() =>
        AuthenticationState is null ? new SettingsActor(null, null) : SettingsActor.From((await AuthenticationState).User);

    /// <summary>Field name of the refusal when the administrator did not confirm the save (step-up).</summary>
    public const string StepUpField = "StepUp";

    [Inject] private Policy.IStepUpGuard StepUp { get; set; } = default!;

    /// <summary>The texts of the Advanced Settings cards.</summary>
    [Inject] protected IStringLocalizer<SettingsText> T { get; set; } = default!;

    /// <summary>
    /// Runs a save with the busy flag set, and tells the page when it succeeded. Every save of settings is a dangerous
    /// action: the administrator's own second factor must be recent (step-up), or nothing is saved.
    /// </summary>
    /// <param name="actionKey">The resource key of the action for the step-up ("To {action}, confirm..."); "save settings" when null.</param>
    protected async Task<SettingsResult> RunAsync(Func<SettingsActor, Task<SettingsResult>> save, Func<SettingsResult, bool> succeeded, string? actionKey = null)
    {
        Busy = true;
        try
        {
            if (!await StepUp.ConfirmAsync(Policy.StepUpAction.Of(T, actionKey ?? "StepUp_SaveSettings")))
            {
                return SettingsResult.Invalid(StepUpField, T["Settings_StepUpRefused"]);
            }
            var result = await save(await ActorAsync());
            if (succeeded(result))
            {
                await OnSaved.InvokeAsync();
            }
            return result;
        }
        finally
        {
            Busy = false;
        }
    }

    protected Task<SettingsResult> SaveAsync(ISettingsSection section) =>
        RunAsync(actor => SettingsService.SaveAsync(section, actor), r => r.Succeeded);
}
