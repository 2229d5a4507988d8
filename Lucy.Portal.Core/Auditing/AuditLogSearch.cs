using System.Reflection;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Auditing;

/// <summary>
/// Searches the audit log for the administrators' page and its CSV export: filtered and paged in SQL (newest first),
/// dates read in the configured time zone.
/// </summary>
public sealed class AuditLogSearch(PortalDbContext db, AdvancedSettingsCache settings)
{
    public const int MaxPageSize = 500;

    /// <summary>Every event name the portal writes, for the event filter.</summary>
    public static IReadOnlyList<string> EventNames { get; } = typeof(AuditEvents)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();

    public async Task<AuditSearchResult> SearchAsync(AuditLogFilter filter, int skip, int take, CancellationToken ct = default)
    {
        if (filter.Problem is not null)
        {
            return new AuditSearchResult([], 0);
        }
        var query = await FilteredAsync(filter, ct);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(ct);
        return new AuditSearchResult(rows, total);
    }

    /// <summary>Every matching row, newest first, read in batches so an export never holds the whole log in memory.</summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(AuditLogFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (filter.Problem is not null)
        {
            yield break;
        }
        var query = await FilteredAsync(filter, ct);
        const int batch = 1000;
        long? before = null;
        while (true)
        {
            var page = await query.Where(e => before == null || e.Id < before)
                .OrderByDescending(e => e.Id).Take(batch).ToListAsync(ct);
            foreach (var row in page)
            {
                yield return row;
            }
            if (page.Count < batch)
            {
                yield break;
            }
            before = page[^1].Id;
        }
    }

    private async Task<IQueryable<AuditEvent>> FilteredAsync(AuditLogFilter filter, CancellationToken ct)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var text = filter.User.Trim();
            var normalized = text.ToUpperInvariant();
            var subjects = db.Users.Where(u => u.NormalizedEmail != null && u.NormalizedEmail.Contains(normalized)).Select(u => u.Id);
            // Emails are stored as typed; SQLite's LIKE ignores ASCII case, SQL Server's default collation all case.
            query = query.Where(e => (e.ActorEmail != null && EF.Functions.Like(e.ActorEmail, "%" + EscapeLike(text) + "%", "\\"))
                || (e.SubjectId != null && subjects.Contains(e.SubjectId)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Event))
        {
            query = query.Where(e => e.Event == filter.Event);
        }
        if (filter.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }
        if (filter.From is not null || filter.To is not null)
        {
            var zone = DateDisplayFormat.For((await settings.GetAsync(ct)).TimeZoneId, SettingsDefaults.DateFormat).TimeZone;
            if (filter.From is { } from)
            {
                var start = StartOfDay(from, zone);
                query = query.Where(e => e.OccurredAt >= start);
            }
            if (filter.To is { } to)
            {
                var end = StartOfDay(to.AddDays(1), zone);
                query = query.Where(e => e.OccurredAt < end);
            }
        }
        return query;
    }

    /// <summary>The instant a calendar day begins in the zone (a day that starts in a DST gap begins at the first valid moment).</summary>
    internal static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary>One page of the audit log and how many rows match in all.</summary>
public sealed record AuditSearchResult(IReadOnlyList<AuditEvent> Rows, int Total);
