namespace Lucy.Portal.Core.Auditing;

/// <summary>What a caller reports to the audit log; the time is stamped by the log.</summary>
public sealed record AuditEntry(string Event, AuditOutcome Outcome)
{
    public string? ActorId { get; init; }
    public string? ActorEmail { get; init; }
    public string? SubjectId { get; init; }
    public string? IpAddress { get; init; }
    public string? Detail { get; init; }
}
