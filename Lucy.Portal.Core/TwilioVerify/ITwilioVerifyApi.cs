using Lucy.Portal.Core.TwilioVerify.Contract;
using Refit;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// The Twilio Verify v2 endpoints the portal uses (authy-api.md §5). Parameters are form-encoded with PascalCase
/// names; answers come back as IApiResponse so an HTTP error is data to map, not an exception. Credentials are never
/// a parameter: they travel in request options to TwilioVerifyAuthHandler, which puts them in the Basic auth header.
/// </summary>
public interface ITwilioVerifyApi
{
    /// <summary>The cheap credential and configuration probe: answers the Service's friendly name.</summary>
    [Get("/v2/Services/{serviceSid}")]
    Task<IApiResponse<TwilioVerifyServiceResponse>> GetServiceAsync(
        string serviceSid,
        [Property(TwilioVerifyRequestOptions.CredentialsName)] TwilioVerifyCredentials? credentials,
        CancellationToken ct);

    /// <summary>Starts (or re-sends) a verification: To (E.164), Channel (sms|call), optional Locale.</summary>
    [Post("/v2/Services/{serviceSid}/Verifications")]
    Task<IApiResponse<TwilioVerificationResponse>> StartVerificationAsync(
        string serviceSid,
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form,
        [Property(TwilioVerifyRequestOptions.CredentialsName)] TwilioVerifyCredentials? credentials,
        CancellationToken ct);

    /// <summary>Checks a code: To and Code. Every call counts against the verification's 5 checks.</summary>
    [Post("/v2/Services/{serviceSid}/VerificationCheck")]
    Task<IApiResponse<TwilioVerificationResponse>> CheckVerificationAsync(
        string serviceSid,
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form,
        [Property(TwilioVerifyRequestOptions.CredentialsName)] TwilioVerifyCredentials? credentials,
        CancellationToken ct);
}
