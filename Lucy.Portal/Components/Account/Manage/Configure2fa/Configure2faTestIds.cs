using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Components.Account.Manage.Configure2fa;

/// <summary>The wizard's stable data-testid stems per method, as they were before step one listed methods from the seam.</summary>
internal static class Configure2faTestIds
{
    public static string For(EnrollmentMethod method) => method switch
    {
        EnrollmentMethod.BuiltInAuthenticator => "builtin",
        EnrollmentMethod.Authy => "authy",
        EnrollmentMethod.TwilioVerify => "twilio-verify",
        _ => method.ToString().ToLowerInvariant(),
    };
}
