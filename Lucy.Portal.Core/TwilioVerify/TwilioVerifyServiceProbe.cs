using Lucy.Portal.Core.Outbound;
namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>The Verify Service behind a set of credentials.</summary>
public sealed record TwilioVerifyServiceInfo(string Sid, string FriendlyName);

/// <summary>Reads the Verify Service: the cheap health and configuration probe (retried, it is a read).</summary>
public sealed class TwilioVerifyServiceProbe(ITwilioVerifyApi api, OutboundCallRunner<TwilioVerifyResult> runner, ITwilioVerifyCredentialSource source)
{
    /// <summary>Probes with the stored credentials; NotConfigured (and no request) when there are none.</summary>
    public async Task<TwilioVerifyResult<TwilioVerifyServiceInfo>> GetServiceAsync(CancellationToken ct = default) =>
        await source.GetCredentialsAsync(ct) is { } stored
            ? await GetServiceAsync(stored, ct)
            : new TwilioVerifyResult(TwilioVerifyStatus.NotConfigured, TwilioVerifyMessages.NotConfigured).As<TwilioVerifyServiceInfo>();

    /// <summary>Probes with the given credentials (candidates under test); they still travel only in the header.</summary>
    internal Task<TwilioVerifyResult<TwilioVerifyServiceInfo>> GetServiceAsync(TwilioVerifyCredentials credentials, CancellationToken ct) =>
        runner.CallAsync(
            "service",
            c => api.GetServiceAsync(credentials.ServiceSid, credentials, c),
            (body, status) => body.Sid is { Length: > 0 } sid
                ? TwilioVerifyResult.Success(TwilioVerifyStatus.Ok, new TwilioVerifyServiceInfo(sid, body.FriendlyName ?? string.Empty), "Verify Service found.", status)
                : TwilioVerifyResult.UnreadableAnswer(status).As<TwilioVerifyServiceInfo>(),
            ct);
}
