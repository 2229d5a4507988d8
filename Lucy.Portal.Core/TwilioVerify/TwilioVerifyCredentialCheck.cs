using Lucy.Portal.Core.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>Checks candidate Verify credentials against the Service before they are stored.</summary>
public interface ITwilioVerifyCredentialCheck
{
    Task<TwilioVerifyCredentialCheckResult> CheckAsync(string accountSid, string authToken, string serviceSid, CancellationToken ct = default);
}

public enum TwilioVerifyCredentialCheckStatus
{
    /// <summary>Twilio accepted the credentials and returned the Service.</summary>
    Valid,
    /// <summary>Twilio refused the Account SID / Auth Token pair (401, 20003).</summary>
    InvalidCredentials,
    /// <summary>The credentials work but no Verify Service has this SID on the account (404, 20404).</summary>
    ServiceNotFound,
    /// <summary>Twilio could not be reached, timed out, throttled or answered something unusable.</summary>
    Unavailable,
}

/// <summary>The outcome of a credential check; ServiceName is set only when Valid.</summary>
public sealed record TwilioVerifyCredentialCheckResult(TwilioVerifyCredentialCheckStatus Status, string? ServiceName = null, string? Message = null);

/// <summary>
/// Probes GET Service with candidate credentials, never the stored ones. A deliberate action: it is sent even while
/// the breaker is open after an outage, so its answer is Twilio's own.
/// </summary>
public sealed class TwilioVerifyCredentialCheck(
    TwilioVerifyServiceProbe probe, [FromKeyedServices(TwilioVerifyOptions.PipelineName)] OutboundBreaker breaker) : ITwilioVerifyCredentialCheck
{
    public async Task<TwilioVerifyCredentialCheckResult> CheckAsync(string accountSid, string authToken, string serviceSid, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(accountSid) || string.IsNullOrWhiteSpace(authToken) || !TwilioVerifyInput.IsServiceSid(serviceSid?.Trim()))
        {
            return new TwilioVerifyCredentialCheckResult(TwilioVerifyCredentialCheckStatus.InvalidCredentials,
                Message: ProviderStrings.TwilioVerify_CredentialsMissing);
        }

        await breaker.LetNextCallThroughAsync(ct);
        var result = await probe.GetServiceAsync(new TwilioVerifyCredentials(accountSid.Trim(), authToken.Trim(), serviceSid!.Trim()), ct);
        return result switch
        {
            { Status: TwilioVerifyStatus.Ok, Value: { } service } => new TwilioVerifyCredentialCheckResult(
                TwilioVerifyCredentialCheckStatus.Valid, service.FriendlyName, ProviderStrings.TwilioVerify_CredentialsAccepted(service.FriendlyName)),
            { Status: TwilioVerifyStatus.InvalidCredentials } => new TwilioVerifyCredentialCheckResult(
                TwilioVerifyCredentialCheckStatus.InvalidCredentials, Message: ProviderStrings.TwilioVerify_CredentialsRefused),
            { Status: TwilioVerifyStatus.NotFound } => new TwilioVerifyCredentialCheckResult(
                TwilioVerifyCredentialCheckStatus.ServiceNotFound, Message: ProviderStrings.TwilioVerify_ServiceNotFound),
            _ => new TwilioVerifyCredentialCheckResult(TwilioVerifyCredentialCheckStatus.Unavailable, Message: result.Message),
        };
    }
}
