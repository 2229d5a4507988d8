using Lucy.Portal.Core.Authy;

namespace Lucy.Portal.Tests.Settings;

/// <summary>Answers key checks with a preset result and remembers which keys it was asked about.</summary>
public sealed class FakeAuthyKeyCheck : IAuthyKeyCheck
{
    public AuthyKeyCheckResult Answer { get; set; } =
        new(AuthyKeyCheckStatus.Valid, "Lucy Test App", SmsEnabled: true, VoiceEnabled: false, OneTouchEnabled: true);

    public List<string> CheckedKeys { get; } = [];

    public Task<AuthyKeyCheckResult> CheckAsync(string apiKey, CancellationToken ct = default)
    {
        CheckedKeys.Add(apiKey);
        return Task.FromResult(Answer);
    }
}
