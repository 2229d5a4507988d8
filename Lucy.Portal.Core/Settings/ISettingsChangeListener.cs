namespace Lucy.Portal.Core.Settings;

/// <summary>
/// Told after a settings change was saved, with the row before and after; lets a concern above Settings (the 2FA
/// policy's per-user clocks) follow a change without Settings knowing about it.
/// </summary>
public interface ISettingsChangeListener
{
    Task OnSavedAsync(AdvancedSettingsRow before, AdvancedSettingsRow after, CancellationToken ct);
}
