namespace Lucy.Portal.Core.Notifications;

/// <summary>Tells a user about a security event on their account. Never throws for a delivery problem: a notice must not undo or delay the change it reports.</summary>
public interface IUserNotifier
{
    Task NotifyAsync(UserNotice notice, CancellationToken ct = default);
}
