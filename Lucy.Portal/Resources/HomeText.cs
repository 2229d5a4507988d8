namespace Lucy.Portal.Resources;

/// <summary>The home page and its dashboard cards (Components/Pages/Home*) (HomeText.*.resx, docs/languages.md).</summary>
public sealed class HomeText;
