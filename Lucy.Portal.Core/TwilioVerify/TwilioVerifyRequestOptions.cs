namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>Per-request values that travel from the Refit call to the message handlers, never onto the wire.</summary>
internal static class TwilioVerifyRequestOptions
{
    public const string CredentialsName = "Lucy.TwilioVerify.Credentials";

    /// <summary>The credentials to sign this request with (stored ones read for the call, or a candidate being checked).</summary>
    public static readonly HttpRequestOptionsKey<TwilioVerifyCredentials?> Credentials = new(CredentialsName);

    /// <summary>Refit stores the interface method's name on every request; the retry rule reads it.</summary>
    public static readonly HttpRequestOptionsKey<string> RefitMethodName = new(Refit.HttpRequestMessageOptions.MethodName);
}
