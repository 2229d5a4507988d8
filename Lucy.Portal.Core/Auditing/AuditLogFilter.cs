using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Auditing;

/// <summary>
/// What the audit log search narrows to. <see cref="From"/> and <see cref="To"/> are calendar days in the portal's
/// configured time zone, both included; the other criteria are optional and combine with AND.
/// </summary>
public sealed record AuditLogFilter
{
    /// <summary>Part of an email: rows whose actor has it, or whose subject account's email has it.</summary>
    public string? User { get; init; }
    /// <summary>One event name (<see cref="AuditEvents"/>).</summary>
    public string? Event { get; init; }
    public AuditOutcome? Outcome { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    public static AuditLogFilter None { get; } = new();

    /// <summary>A message when the range is upside down; null when the filter can run.</summary>
    public string? Problem => From is { } from && To is { } to && from > to ? AuditStrings.Filter_StartAfterEnd : null;
}
