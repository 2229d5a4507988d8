using Lucy.Portal.Core.Auditing;

namespace Lucy.Portal.Core.Notifications;

/// <summary>The notifier while no mail channel exists: every notice becomes an audit row the user's administrators can see.</summary>
public sealed class AuditUserNotifier(AuditLog audit) : IUserNotifier
{
    public Task NotifyAsync(UserNotice notice, CancellationToken ct = default) =>
        audit.WriteAsync(new AuditEntry(AuditEvents.NoticeRecorded, AuditOutcome.Success)
        {
            ActorId = notice.ActorId ?? notice.UserId,
            SubjectId = notice.UserId,
            IpAddress = notice.IpAddress,
            Detail = notice.Detail is null ? notice.Kind.ToString() : $"{notice.Kind}: {notice.Detail}",
        }, ct);
}
