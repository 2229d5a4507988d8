namespace Lucy.Portal.Core.SignIn;

public enum CodeDeliveryStatus
{
    Sent,
    /// <summary>Waiting between two sends, or the per-account cap is reached; see NextAllowedAt.</summary>
    TooSoon,
    /// <summary>Authy could not send (down, throttled, quota, feature off); nothing was counted against the user.</summary>
    Unavailable,
    NotAvailable,
    Expired,
}

/// <summary>The outcome of "Send SMS" / "Call me" at the token prompt.</summary>
public sealed record CodeDeliveryResult(CodeDeliveryStatus Status, string Message, DateTimeOffset? NextAllowedAt = null)
{
    public bool Succeeded => Status == CodeDeliveryStatus.Sent;

    /// <summary>The shared send cap after this request (a failed send was released and does not count).</summary>
    public SendAllowance? Sends { get; init; }
}

public enum OneTouchStatus
{
    Pending,
    Approved,
    Denied,
    Expired,
    TooSoon,
    Unavailable,
    NotAvailable,
    LoginExpired,
}

/// <summary>The state of a OneTouch push at the token prompt; Grant is set once approved.</summary>
public sealed record OneTouchResult(OneTouchStatus Status, string Message)
{
    public string? Grant { get; init; }
    public DateTimeOffset? NextAllowedAt { get; init; }

    /// <summary>The shared send cap after this request, when it was a request to send a push.</summary>
    public SendAllowance? Sends { get; init; }
}
