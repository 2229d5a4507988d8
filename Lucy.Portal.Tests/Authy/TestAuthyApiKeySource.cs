using Lucy.Portal.Core.Authy;

namespace Lucy.Portal.Tests.Authy;

/// <summary>A key source a test can change between calls, as an administrator would in Advanced Settings.</summary>
public sealed class TestAuthyApiKeySource(string? key) : IAuthyApiKeySource
{
    public string? Key { get; set; } = key;

    public int Reads { get; private set; }

    public ValueTask<string?> GetApiKeyAsync(CancellationToken ct = default)
    {
        Reads++;
        return ValueTask.FromResult(Key);
    }
}
