namespace Lucy.Portal.Resources;

/// <summary>Words many screens share (buttons, generic errors); SharedText.*.resx (docs/languages.md).</summary>
public sealed class SharedText;
