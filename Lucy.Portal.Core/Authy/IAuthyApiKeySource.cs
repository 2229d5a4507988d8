namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Where the Authy client reads the API key at call time, so a key saved in Advanced Settings works
/// without a restart. Null means no key is configured: then no request to Authy is ever made.
/// </summary>
public interface IAuthyApiKeySource
{
    ValueTask<string?> GetApiKeyAsync(CancellationToken ct = default);
}
