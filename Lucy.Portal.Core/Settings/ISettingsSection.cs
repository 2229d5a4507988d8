namespace Lucy.Portal.Core.Settings;

/// <summary>One form's worth of settings: it validates itself against the stored row and then copies its values onto it.</summary>
public interface ISettingsSection
{
    /// <summary>Every problem with the values; empty when they may be saved.</summary>
    IReadOnlyList<FieldError> Validate(AdvancedSettingsRow current);

    /// <summary>Copies the values onto the row; called only after <see cref="Validate"/> returned no error.</summary>
    void ApplyTo(AdvancedSettingsRow row, SettingsSecretProtector protector);
}

internal static class FieldErrors
{
    /// <summary>The rules that failed, as field errors.</summary>
    public static IReadOnlyList<FieldError> Of(params (string Field, string? Message)[] checks) =>
        checks.Where(c => c.Message is not null).Select(c => new FieldError(c.Field, c.Message!)).ToList();
}
