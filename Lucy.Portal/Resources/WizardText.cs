namespace Lucy.Portal.Resources;

/// <summary>The 2FA enrolment wizard (account/configure-2fa); WizardText.*.resx (docs/languages.md).</summary>
public sealed class WizardText;
