using Lucy.Portal.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Lucy.Portal.Components.Layout;

/// <summary>
/// MudBlazor's own texts in the current UI language, from MudBlazorText.*.resx. A key the files lack reports
/// "not found", and MudBlazor then shows its built-in English (docs/languages.md).
/// </summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<MudBlazorText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}
