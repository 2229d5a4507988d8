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
    public bool Offers(TwoFactorMethod method) => Methods.Contains(method);
}
