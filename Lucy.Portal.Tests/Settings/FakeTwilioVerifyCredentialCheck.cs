using Lucy.Portal.Core.TwilioVerify;

namespace Lucy.Portal.Tests.Settings;

/// <summary>Answers Verify credential checks with a preset result and remembers what it was asked.</summary>
public sealed class FakeTwilioVerifyCredentialCheck : ITwilioVerifyCredentialCheck
{
    public TwilioVerifyCredentialCheckResult Answer { get; set; } = new(TwilioVerifyCredentialCheckStatus.Valid, "Lucy Verify Service");

    public List<(string AccountSid, string AuthToken, string ServiceSid)> Checked { get; } = [];

    public Task<TwilioVerifyCredentialCheckResult> CheckAsync(string accountSid, string authToken, string serviceSid, CancellationToken ct = default)
    {
        Checked.Add((accountSid, authToken, serviceSid));
        return Task.FromResult(Answer);
    }
}
