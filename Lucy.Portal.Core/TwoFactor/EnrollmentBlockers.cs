using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>What a user must do before the wizard lets them choose a method; the same words for every method.</summary>
public static class EnrollmentBlockers
{
    public static string NeedsPhone => TwoFactorStrings.Enrollment_NeedsPhone;
}
