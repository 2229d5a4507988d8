namespace Lucy.Portal.Resources;

/// <summary>The token prompt (Components/Account/TwoFactor) (PromptText.*.resx, docs/languages.md).</summary>
public sealed class PromptText;
