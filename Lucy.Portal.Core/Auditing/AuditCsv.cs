using System.Globalization;
using System.Text;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Auditing;

/// <summary>
/// Writes audit rows as CSV (RFC 4180: quoted when needed, quotes doubled, CRLF). A cell that a spreadsheet would read
/// as a formula (it starts with = + - @, a tab or a carriage return) gets a leading apostrophe: the log holds text that
/// users and attackers chose (emails, user agents), and an export must not run it (OWASP "CSV Injection").
/// </summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["Time", "Event", "Outcome", "Actor", "Actor id", "Subject id", "IP address", "Detail"];

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<AuditEvent> rows, DateDisplayFormat dates, CancellationToken ct = default)
    {
        await writer.WriteAsync(Line(Header).AsMemory(), ct);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line([
                // A machine format: the configured pattern with invariant names whatever the exporter's language.
                dates.Format(row.OccurredAt, CultureInfo.InvariantCulture),
                row.Event,
                row.Outcome.ToString(),
                row.ActorEmail,
                row.ActorId,
                row.SubjectId,
                row.IpAddress,
                row.Detail,
            ]).AsMemory(), ct);
        }
    }

    public static string Line(IReadOnlyList<string?> cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            line.Append(Cell(cells[i]));
        }
        return line.Append("\r\n").ToString();
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
