using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Core.SignIn;

/// <summary>What the token prompt offers a pending user: only their own methods, in the order the seam lists them.</summary>
public sealed record TwoFactorPrompt(
    string UserId,
    string Email,
    IReadOnlyList<FactorOffer> Factors,
    int RecoveryCodesLeft,
    bool RememberDeviceAllowed,
    int RememberDeviceDays)
{
    public string MaskedPhone { get; init; } = "";

    /// <summary>What the shared SMS / call / push cap allows now, so every send button shows what the server will enforce.</summary>
    public SendAllowance Sends { get; init; } = new(0, null, false);

    public IReadOnlyList<EnrollmentMethod> Methods => [.. Factors.Select(f => f.Method)];

    public bool Offers(EnrollmentMethod method) => Factors.Any(f => f.Method == method);

    public FactorOffer? Offer(EnrollmentMethod method) => Factors.FirstOrDefault(f => f.Method == method);
}
