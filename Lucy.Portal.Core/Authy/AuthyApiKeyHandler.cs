using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Puts the API key in the X-Authy-API-Key header, read at call time so a newly saved key works without a restart.
/// With no key the request never leaves the process.
/// </summary>
internal sealed class AuthyApiKeyHandler(IServiceScopeFactory scopes) : DelegatingHandler
{
    public const string HeaderName = "X-Authy-API-Key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = await ResolveKeyAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new AuthyNotConfiguredException();
        }

        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, key.Trim());
        return await base.SendAsync(request, cancellationToken);
    }

    private async ValueTask<string?> ResolveKeyAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Options.TryGetValue(AuthyRequestOptions.ApiKeyOverride, out var candidate) && !string.IsNullOrWhiteSpace(candidate))
        {
            return candidate;
        }

        // Handlers outlive requests (the factory pools them), and the key source may be scoped to a DbContext:
        // a short scope per call keeps it from being shared between concurrent requests.
        await using var scope = scopes.CreateAsyncScope();
        var source = scope.ServiceProvider.GetRequiredService<IAuthyApiKeySource>();
        return await source.GetApiKeyAsync(ct);
    }
}
