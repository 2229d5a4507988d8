namespace Lucy.Portal.Core.Policy;

/// <summary>Where a user stands against the 2FA policy.</summary>
public enum TwoFactorObligationKind
{
    /// <summary>No rule asks anything of the user, or the user has a working factor.</summary>
    None,
    /// <summary>The user must set up 2FA before <see cref="TwoFactorObligation.Deadline"/>; every page shows a banner.</summary>
    WithinGrace,
    /// <summary>The deadline passed: the user reaches nothing but Configure 2FA and Log out.</summary>
    Overdue,
}

/// <summary>The outcome of the policy for one user: what they must do and by when.</summary>
public sealed record TwoFactorObligation(TwoFactorObligationKind Kind, DateTimeOffset? Deadline)
{
    public static TwoFactorObligation None { get; } = new(TwoFactorObligationKind.None, null);

    public bool MustEnrol => Kind != TwoFactorObligationKind.None;
}
