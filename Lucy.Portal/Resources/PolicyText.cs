namespace Lucy.Portal.Resources;

/// <summary>The 2FA policy's banner and the step-up dialogs (Components/Policy) (PolicyText.*.resx, docs/languages.md).</summary>
public sealed class PolicyText;
