using System.Text.Json;

namespace Lucy.Portal.Core.Authy.Callbacks;

/// <summary>
/// What a OneTouch callback brought: method, URL (the query is ignored), the body flattened into key/value pairs,
/// and the X-Authy-Signature / X-Authy-Signature-Nonce headers. Built by the web endpoint from HttpContext.
/// </summary>
public sealed record AuthyCallbackRequest(
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    string? Signature,
    string? Nonce)
{
    public const string SignatureHeader = "X-Authy-Signature";
    public const string NonceHeader = "X-Authy-Signature-Nonce";

    /// <summary>For a POST callback whose body is JSON.</summary>
    public static AuthyCallbackRequest FromJsonBody(string method, Uri url, JsonElement body, string? signature, string? nonce) =>
        new(method, url, AuthyCallbackParameters.Flatten(body), signature, nonce);
}
