namespace Lucy.Portal.Core.Sessions;

/// <summary>
/// One sign-in: created when the session cookie is issued, ended by logout, "log out everywhere", the absolute
/// lifetime or the idle timeout. The cookie names it (<see cref="Accounts.PortalClaimTypes.SessionId"/>); a cookie
/// whose session is ended opens nothing, however valid the cookie itself still is.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The last request or circuit activity, to the minute (written at most once a minute).</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Why it ended, one of <see cref="SessionEndReasons"/>.</summary>
    public string? EndReason { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    /// <summary>
    /// The last time the user proved themselves again in this session: the second factor at sign-in or in a step-up
    /// dialog (or the password, for an account without 2FA that no policy requires). Dangerous actions need it recent.
    /// </summary>
    public DateTimeOffset? StepUpVerifiedAt { get; set; }
    /// <summary>
    /// The user's security stamp the session's cookie carries: once the stamp changes (password, 2FA, reset) the
    /// cookie is refused, so a session with another stamp is over even while its row is still open.
    /// </summary>
    public string? SecurityStamp { get; set; }
}

/// <summary>Why a session ended; stored with it and written to the audit log.</summary>
public static class SessionEndReasons
{
    public const string LoggedOut = "logged out";
    public const string LoggedOutEverywhere = "logged out everywhere";
    public const string AbsoluteLifetime = "absolute lifetime reached";
    public const string IdleTimeout = "idle timeout";
    /// <summary>Ended by its user from another session (the Account page's session list).</summary>
    public const string EndedByUser = "ended by the user";
    public const string EndedByAdministrator = "ended by an administrator";
    /// <summary>Too many wrong codes or passwords while signed in (<see cref="LockedOutSessions"/>).</summary>
    public const string LockedOut = "account locked";
}
