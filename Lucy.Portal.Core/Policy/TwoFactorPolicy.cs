using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Policy;

/// <summary>
/// The 2FA policy as configured: who must have 2FA, the grace period of each rule in days (0 = at the next login) and
/// how recent an administrator's own second factor must be before a dangerous action (step-up, ASVS 5.0 7.5.1).
/// </summary>
public sealed record TwoFactorPolicy(
    TwoFactorRequiredFor RequiredFor,
    int AdministratorGraceDays,
    int EveryoneGraceDays,
    int StepUpMinutes)
{
    public const int GraceDaysMax = 90;
    public const int StepUpMinutesMin = 1;
    public const int StepUpMinutesMax = 60;
    public const int DefaultGraceDays = 7;
    public const int DefaultStepUpMinutes = 5;

    /// <summary>A fresh installation: 2FA optional, a week's grace once switched on, step-up within 5 minutes.</summary>
    public static TwoFactorPolicy Default { get; } = new(TwoFactorRequiredFor.Off, DefaultGraceDays, DefaultGraceDays, DefaultStepUpMinutes);

    public TimeSpan StepUpWindow => TimeSpan.FromMinutes(StepUpMinutes);

    /// <summary>Every problem with the values, by field; empty when they may be saved.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (!Enum.IsDefined(RequiredFor))
        {
            errors.Add((nameof(RequiredFor), SettingsStrings.Policy_ChooseWho));
        }
        if (GraceRule(AdministratorGraceDays) is { } admin)
        {
            errors.Add((nameof(AdministratorGraceDays), admin));
        }
        if (GraceRule(EveryoneGraceDays) is { } everyone)
        {
            errors.Add((nameof(EveryoneGraceDays), everyone));
        }
        if (StepUpRule(StepUpMinutes) is { } stepUp)
        {
            errors.Add((nameof(StepUpMinutes), stepUp));
        }
        return errors;
    }

    public static string? GraceRule(int days) =>
        days is >= 0 and <= GraceDaysMax ? null : SettingsStrings.Policy_GraceDays(GraceDaysMax);

    public static string? StepUpRule(int minutes) =>
        minutes is >= StepUpMinutesMin and <= StepUpMinutesMax ? null : SettingsStrings.Range_Minutes(StepUpMinutesMin, StepUpMinutesMax);
}
