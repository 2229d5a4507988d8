namespace Lucy.Portal.Resources;

/// <summary>Texts of the layouts: app bar, side menu, language picker (LayoutText.*.resx, docs/languages.md).</summary>
public sealed class LayoutText;
