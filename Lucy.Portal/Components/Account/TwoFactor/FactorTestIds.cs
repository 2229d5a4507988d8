using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Components.Account.TwoFactor;

/// <summary>The stable data-testid stems of each method at the prompt, kept as they were before the panels became one.</summary>
internal static class FactorTestIds
{
    public static string For(EnrollmentMethod method) => method switch
    {
        EnrollmentMethod.BuiltInAuthenticator => "authenticator",
        EnrollmentMethod.Authy => "authy",
        EnrollmentMethod.TwilioVerify => "verify",
        EnrollmentMethod.RecoveryCode => "recovery",
        _ => method.ToString().ToLowerInvariant(),
    };

    /// <summary>Authy's send buttons came first and kept the plain ids; other senders' ids carry their stem.</summary>
    public static string SendPrefix(EnrollmentMethod method) => method == EnrollmentMethod.Authy ? "" : $"{For(method)}-";
}
