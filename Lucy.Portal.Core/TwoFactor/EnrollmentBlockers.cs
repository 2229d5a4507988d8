namespace Lucy.Portal.Core.TwoFactor;

/// <summary>What a user must do before the wizard lets them choose a method; the same words for every method.</summary>
public static class EnrollmentBlockers
{
    public const string NeedsPhone = "Save your mobile number on the Account page first.";
}
