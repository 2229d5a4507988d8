namespace Lucy.Portal.Resources;

/// <summary>Advanced Settings and its cards; SettingsText.*.resx (docs/languages.md).</summary>
public sealed class SettingsText;
