namespace Lucy.Portal.Resources;

/// <summary>The Users page and its dialogs; UsersText.*.resx (docs/languages.md).</summary>
public sealed class UsersText;
