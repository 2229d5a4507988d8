using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// The fake's side of OneTouch callbacks: once a test answers a request, the callback Authy would send to the URL
/// configured in its console, shaped like the documented body and signed with the fake's API key.
/// </summary>
public sealed partial class FakeAuthyServer
{
    /// <summary>The callback body for a request, as Authy sends it (POST JSON); fields can be replaced to forge one.</summary>
    public JsonObject CallbackBody(string uuid, string? status = null, string? authyId = null)
    {
        FakeOneTouchRequest request;
        lock (_gate)
        {
            request = _oneTouch[uuid];
        }
        var answer = status ?? request.Status;
        var createdAt = request.CreatedAt.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["approval_request"] = new JsonObject
            {
                ["expiration_timestamp"] = createdAt + (request.SecondsToExpire ?? 86400),
                ["logos"] = null,
                ["transaction"] = new JsonObject
                {
                    ["created_at_time"] = createdAt,
                    ["customer_uuid"] = "2ccf0040-ed25-0132-5987-0e67b818e6fb",
                    ["details"] = new JsonObject(request.Details.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
                    ["device_details"] = null,
                    ["hidden_details"] = new JsonObject(),
                    ["message"] = request.Message,
                    ["status"] = answer,
                    ["uuid"] = request.Uuid,
                },
            },
            ["authy_id"] = long.Parse(authyId ?? request.AuthyId, CultureInfo.InvariantCulture),
            ["callback_action"] = "approval_request_status",
            ["device_uuid"] = "4d89c320-a9bb-0133-7c02-0e67b818e6fb",
            ["signature"] = "c2lnbmVkIG9uIHRoZSBkZXZpY2U=",
            ["status"] = answer,
            ["uuid"] = request.Uuid,
        };
    }

    /// <summary>Answers the request (approved, denied) and returns the signed POST callback Authy would send.</summary>
    public HttpRequestMessage AnswerWithCallback(string uuid, string status, Uri callbackUrl, DateTimeOffset signedAt)
    {
        Process(uuid, status);
        return SignedCallback(HttpMethod.Post, callbackUrl, CallbackBody(uuid), signedAt);
    }

    /// <summary>
    /// A callback signed with <see cref="ApiKey"/> over the URL without its query: POST carries the body as JSON,
    /// GET the same flattened fields in the query string.
    /// </summary>
    public HttpRequestMessage SignedCallback(HttpMethod method, Uri callbackUrl, JsonObject body, DateTimeOffset signedAt, string? apiKey = null)
    {
        var nonce = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var parameters = FakeAuthyCallbackSigner.Flatten(body);
        var url = callbackUrl.GetLeftPart(UriPartial.Path);
        var signature = FakeAuthyCallbackSigner.Sign(apiKey ?? ApiKey, nonce, method.Method, url, parameters);
        var message = method == HttpMethod.Get
            ? new HttpRequestMessage(method, url + "?" + string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")))
            : new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        message.Headers.Add("X-Authy-Signature", signature);
        message.Headers.Add("X-Authy-Signature-Nonce", nonce);
        return message;
    }
}
