using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Lucy.Portal.Components.Policy;

/// <summary>
/// What a dangerous action is called: in the administrator's language in the step-up dialog, in the portal's neutral
/// language (English) in the audit log, as every other audit detail is, so one log reads the same whoever acted.
/// </summary>
public readonly record struct StepUpAction(string Shown, string Audited)
{
    /// <summary>The action's text from <paramref name="texts"/>, once in the current language and once neutral.</summary>
    public static StepUpAction Of(IStringLocalizer texts, string key, params object[] arguments)
    {
        var shown = texts[key, arguments].Value;
        var language = CultureInfo.CurrentUICulture;
        try
        {
            // The neutral resources are English; nothing awaits in between, so no other work sees this culture.
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            return new StepUpAction(shown, texts[key, arguments].Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = language;
        }
    }
}
