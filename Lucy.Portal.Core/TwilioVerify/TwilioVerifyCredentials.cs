namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// What a Verify call needs: the Basic auth pair (Account SID + Auth Token, or API key SID + secret) and the Verify
/// Service (VA…). ToString never prints the token.
/// </summary>
public sealed record TwilioVerifyCredentials(string AccountSid, string AuthToken, string ServiceSid)
{
    public override string ToString() => $"TwilioVerifyCredentials {{ AccountSid = {AccountSid}, ServiceSid = {ServiceSid} }}";
}

/// <summary>
/// Where the Verify client reads its credentials at call time, so credentials saved in Advanced Settings work without a
/// restart. Null means Verify is not configured (or not the provider in use): then no request is ever made.
/// </summary>
public interface ITwilioVerifyCredentialSource
{
    ValueTask<TwilioVerifyCredentials?> GetCredentialsAsync(CancellationToken ct = default);
}

/// <summary>Stand-in until the settings implementation is registered: no credentials, so no request is ever made.</summary>
internal sealed class UnconfiguredTwilioVerifyCredentialSource : ITwilioVerifyCredentialSource
{
    public ValueTask<TwilioVerifyCredentials?> GetCredentialsAsync(CancellationToken ct = default) =>
        ValueTask.FromResult<TwilioVerifyCredentials?>(null);
}

/// <summary>
/// Raised by the auth handler before any socket opens when no credentials are configured; the call runner turns it
/// into a NotConfigured result. Not an HttpRequestException on purpose, so neither retry nor breaker counts it.
/// </summary>
public sealed class TwilioVerifyNotConfiguredException : Exception
{
    public TwilioVerifyNotConfiguredException()
        : base("No Twilio Verify credentials are configured.")
    {
    }

    public TwilioVerifyNotConfiguredException(string message)
        : base(message)
    {
    }

    public TwilioVerifyNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
