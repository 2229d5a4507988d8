namespace Lucy.Portal.Core.Auditing;

/// <summary>A stored security event. Never holds a secret or an OTP value.</summary>
public sealed class AuditEvent
{
    /// <summary>The column's length; longer details are cut (<see cref="AuditLog"/>), never refused.</summary>
    public const int MaxDetailLength = 2000;

    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Event { get; set; }
    public AuditOutcome Outcome { get; set; }
    public string? ActorId { get; set; }
    public string? ActorEmail { get; set; }
    public string? SubjectId { get; set; }
    public string? IpAddress { get; set; }
    public string? Detail { get; set; }
}

public enum AuditOutcome
{
    Success = 0,
    Failure = 1,
}
