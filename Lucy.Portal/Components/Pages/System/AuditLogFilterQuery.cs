using System.Globalization;
using Lucy.Portal.Core.Auditing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Lucy.Portal.Components.Pages.SystemSettings;

/// <summary>An audit log filter as query string parameters, for the CSV export link and its endpoint.</summary>
public static class AuditLogFilterQuery
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string ToQuery(AuditLogFilter filter)
    {
        var values = new Dictionary<string, string?>();
        Add(values, "user", filter.User);
        Add(values, "event", filter.Event);
        Add(values, "outcome", filter.Outcome?.ToString());
        Add(values, "from", filter.From?.ToString(DateFormat, CultureInfo.InvariantCulture));
        Add(values, "to", filter.To?.ToString(DateFormat, CultureInfo.InvariantCulture));
        return QueryHelpers.AddQueryString("", values);
    }

    /// <summary>The filter the query names, or null when a value is malformed (ignoring it would export more than was asked).</summary>
    public static AuditLogFilter? FromQuery(IQueryCollection query)
    {
        var outcome = (string?)query["outcome"];
        var from = (string?)query["from"];
        var to = (string?)query["to"];
        AuditOutcome? parsedOutcome = null;
        if (!string.IsNullOrEmpty(outcome))
        {
            if (!Enum.TryParse<AuditOutcome>(outcome, ignoreCase: true, out var o) || !Enum.IsDefined(o))
            {
                return null;
            }
            parsedOutcome = o;
        }
        if (!TryParseDate(from, out var fromDate) || !TryParseDate(to, out var toDate))
        {
            return null;
        }
        return new AuditLogFilter
        {
            User = NullIfEmpty(query["user"]),
            Event = NullIfEmpty(query["event"]),
            Outcome = parsedOutcome,
            From = fromDate,
            To = toDate,
        };
    }

    /// <summary>Empty is "no bound"; anything else must be a yyyy-MM-dd date.</summary>
    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }
        return false;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Add(Dictionary<string, string?> values, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[name] = value;
        }
    }
}
