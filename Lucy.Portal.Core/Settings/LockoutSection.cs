namespace Lucy.Portal.Core.Settings;

/// <summary>Brute-force protection: failed attempts (passwords and 2FA codes alike) before lockout, and its duration.</summary>
public sealed record LockoutSection(int MaxFailedAccessAttempts, int LockoutMinutes) : ISettingsSection
{
    public IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current) => FieldErrors.Of(
        (SettingsFields.MaxFailedAccessAttempts, SettingsRules.MaxFailedAccessAttempts(MaxFailedAccessAttempts)),
        (SettingsFields.LockoutMinutes, SettingsRules.LockoutMinutes(LockoutMinutes)));

    public void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector)
    {
        row.MaxFailedAccessAttempts = MaxFailedAccessAttempts;
        row.LockoutMinutes = LockoutMinutes;
    }
}
