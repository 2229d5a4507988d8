namespace Lucy.Portal.Core.Sessions;

/// <summary>
/// Activity of a session since it was last checked: the first moment tells whether the session had already been idle
/// too long before it (activity cannot revive an idle session), the last one becomes its last-seen time.
/// </summary>
public sealed record SessionActivity(DateTimeOffset First, DateTimeOffset Last)
{
    /// <summary>A single request at <paramref name="moment"/>.</summary>
    public static SessionActivity At(DateTimeOffset moment) => new(moment, moment);
}

/// <summary>The outcome of checking a session: only <see cref="Active"/> lets its cookie or circuit in.</summary>
public enum SessionStatus
{
    Active,
    /// <summary>No such session, or it belongs to someone else, or the principal names none.</summary>
    Unknown,
    /// <summary>Ended earlier: logout, log out everywhere, or an earlier expiry.</summary>
    Ended,
    AbsoluteLifetimeReached,
    IdleTimeout,
}
