namespace Lucy.Portal.Core.Notifications;

/// <summary>
/// One thing that happened to a user's account. <see cref="Detail"/> is a short, secret-free fact for the message
/// (the method name, "3 recovery codes left"); the address is the client's that caused it, when known.
/// </summary>
public sealed record UserNotice(string UserId, UserNoticeKind Kind)
{
    public string? Detail { get; init; }
    public string? IpAddress { get; init; }
    /// <summary>The administrator who acted, for resets and ended sessions.</summary>
    public string? ActorId { get; init; }
}
