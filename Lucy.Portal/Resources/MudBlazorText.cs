namespace Lucy.Portal.Resources;

/// <summary>
/// MudBlazor's own texts (pager, stepper, "Required", close buttons, date pickers) in the portal's languages, read by
/// PortalMudLocalizer. Keys are MudBlazor's LanguageResource keys; the English file repeats MudBlazor's own wording.
/// </summary>
public sealed class MudBlazorText;
