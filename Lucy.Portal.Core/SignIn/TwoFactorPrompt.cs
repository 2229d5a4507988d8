namespace Lucy.Portal.Core.SignIn;

/// <summary>What the token prompt offers a pending user: only their own methods.</summary>
public sealed record TwoFactorPrompt(
    string UserId,
    string Email,
    IReadOnlyList<TwoFactorMethod> Methods,
    int RecoveryCodesLeft,
    bool RememberDeviceAllowed,
    int RememberDeviceDays)
{
    /// <summary>Authy can send this user a code by SMS or call (forced, so it works even with the app installed).</summary>
    public bool CanSendSms { get; init; }
    public bool CanCall { get; init; }
    public string MaskedPhone { get; init; } = "";

    /// <summary>What the shared SMS / call / push cap allows now, so every send button shows what the server will enforce.</summary>
    public SendAllowance Sends { get; init; } = new(0, null, false);

    public bool Offers(TwoFactorMethod method) => Methods.Contains(method);
}
