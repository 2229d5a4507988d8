using System.Collections.Frozen;
using System.Reflection;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Resources;
using Microsoft.Extensions.Localization;

namespace Lucy.Portal.Components.Pages.SystemSettings;

/// <summary>
/// The name an administrator reads for an audit event or outcome, in their language. Only the display changes: the
/// stored value (<see cref="AuditEvents"/>) stays the invariant name the filter, the CSV export and old rows use.
/// </summary>
public static class AuditEventNames
{
    /// <summary>Resource key per stored event name: "Event_" and the name of its <see cref="AuditEvents"/> constant.</summary>
    public static FrozenDictionary<string, string> KeyByEvent { get; } = typeof(AuditEvents)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .ToFrozenDictionary(f => (string)f.GetRawConstantValue()!, f => "Event_" + f.Name, StringComparer.Ordinal);

    public static string KeyOf(AuditOutcome outcome) => "Outcome_" + outcome;

    /// <summary>The translated name; an event this version does not know (a row from another version) shows as stored.</summary>
    public static string Display(this IStringLocalizer<AuditText> text, string? eventName) =>
        eventName is not null && KeyByEvent.TryGetValue(eventName, out var key) && text[key] is { ResourceNotFound: false } name
            ? name
            : eventName ?? "";

    public static string Display(this IStringLocalizer<AuditText> text, AuditOutcome outcome) => text[KeyOf(outcome)];
}
