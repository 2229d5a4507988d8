using System.Text.Json;
using Lucy.Portal.Core.Authy.Callbacks;
using Lucy.Portal.Core.SignIn;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace Lucy.Portal.Components.Account;

/// <summary>
/// The URL Authy calls when a OneTouch request is answered (docs/authy-onetouch-callback.md): POST with a
/// JSON body, or GET with the same fields in the query. Anonymous, since Authy has no session, and exempt from
/// antiforgery for the same reason; the Authy signature is its authentication, and it is rate limited per address.
/// </summary>
internal static class OneTouchCallbackEndpoint
{
    public const string Path = "/authy/onetouch-callback";

    // A genuine callback is about 1 KB; anything far larger is not worth reading.
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointConventionBuilder MapOneTouchCallback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery();

    private static async Task<IResult> ReceiveAsync(HttpContext context, [FromServices] OneTouchCallbackReceiver receiver, CancellationToken ct)
    {
        // Authy reads status codes; the HTML not-found page would only hide them.
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        var request = context.Request;
        var parameters = HttpMethods.IsPost(request.Method) ? await BodyParametersAsync(request, ct) : QueryParameters(request);
        if (parameters is null)
        {
            return TypedResults.BadRequest();
        }
        if (!Uri.TryCreate(SignedUrl(request), UriKind.Absolute, out var url))
        {
            return TypedResults.BadRequest();
        }

        var callback = new AuthyCallbackRequest(request.Method, url, parameters,
            request.Headers[AuthyCallbackRequest.SignatureHeader].FirstOrDefault(),
            request.Headers[AuthyCallbackRequest.NonceHeader].FirstOrDefault());
        return await receiver.ReceiveAsync(callback, ct) switch
        {
            OneTouchCallbackOutcome.Accepted => TypedResults.Ok(),
            OneTouchCallbackOutcome.Replayed => TypedResults.Conflict(),
            OneTouchCallbackOutcome.Malformed => TypedResults.BadRequest(),
            _ => TypedResults.Unauthorized(),
        };
    }

    /// <summary>
    /// The URL Authy signed: the one it was told to call, without the query. Behind a TLS proxy the scheme comes from
    /// X-Forwarded-Proto once forwarded headers are enabled (README, "Production run"), so it is https as configured.
    /// </summary>
    internal static string SignedUrl(HttpRequest request) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);

    private static List<KeyValuePair<string, string>> QueryParameters(HttpRequest request) =>
        request.Query.SelectMany(field => field.Value.Select(value => KeyValuePair.Create(field.Key, value ?? string.Empty))).ToList();

    private static async Task<IReadOnlyList<KeyValuePair<string, string>>?> BodyParametersAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                return null;
            }
            body.Write(buffer, 0, read);
        }
        try
        {
            using var json = JsonDocument.Parse(body.ToArray());
            return json.RootElement.ValueKind == JsonValueKind.Object ? AuthyCallbackParameters.Flatten(json.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
