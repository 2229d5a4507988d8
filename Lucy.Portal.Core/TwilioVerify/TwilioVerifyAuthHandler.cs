using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// Signs each request with HTTP Basic auth. The credentials come with the request (read from the settings by the
/// caller at call time, or a candidate under test); failing that they are read from the source now. With none the
/// request never leaves the process. They are only ever in the Authorization header.
/// </summary>
internal sealed class TwilioVerifyAuthHandler(IServiceScopeFactory scopes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credentials = await ResolveAsync(request, cancellationToken);
        if (credentials is null || string.IsNullOrWhiteSpace(credentials.AccountSid) || string.IsNullOrWhiteSpace(credentials.AuthToken))
        {
            throw new TwilioVerifyNotConfiguredException();
        }

        var pair = Encoding.UTF8.GetBytes($"{credentials.AccountSid.Trim()}:{credentials.AuthToken.Trim()}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        return await base.SendAsync(request, cancellationToken);
    }

    private async ValueTask<TwilioVerifyCredentials?> ResolveAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Options.TryGetValue(TwilioVerifyRequestOptions.Credentials, out var given) && given is not null)
        {
            return given;
        }

        // Handlers outlive requests (the factory pools them); a short scope keeps a scoped source from being shared.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITwilioVerifyCredentialSource>().GetCredentialsAsync(ct);
    }
}
