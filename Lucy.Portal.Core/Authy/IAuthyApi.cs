using Lucy.Portal.Core.Authy.Contract;
using Refit;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// The Authy REST endpoints the portal uses (authy-api.md §1a). Answers come back as IApiResponse so an HTTP error
/// is data to map, not an exception. force=true is part of the route on verify, SMS and call: without it Authy
/// answers "valid" for any token of a half-registered user and skips SMS for app users.
/// SMS and call carry no `action`: the verify has none, and a code sent for an action verifies only with that action
/// (docs/authy-contract.md, "Action binding").
/// The API key is never a parameter here: AuthyApiKeyHandler adds it as a header.
/// </summary>
public interface IAuthyApi
{
    [Post("/protected/json/users/new")]
    Task<IApiResponse<AuthyRegisterUserResponse>> RegisterUserAsync(
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken ct);

    [Get("/protected/json/verify/{token}/{authyId}?force=true")]
    Task<IApiResponse<AuthyVerifyResponse>> VerifyTokenAsync(string token, string authyId, CancellationToken ct);

    [Get("/protected/json/sms/{authyId}?force=true")]
    Task<IApiResponse<AuthySendCodeResponse>> RequestSmsAsync(
        string authyId,
        [AliasAs("locale")] string? locale,
        CancellationToken ct);

    [Get("/protected/json/call/{authyId}?force=true")]
    Task<IApiResponse<AuthySendCodeResponse>> RequestCallAsync(
        string authyId,
        [AliasAs("locale")] string? locale,
        CancellationToken ct);

    [Post("/protected/json/users/{authyId}/remove")]
    Task<IApiResponse<AuthyEnvelope>> RemoveUserAsync(string authyId, CancellationToken ct);

    [Get("/protected/json/users/{authyId}/status")]
    Task<IApiResponse<AuthyUserStatusResponse>> GetUserStatusAsync(string authyId, CancellationToken ct);

    /// <param name="apiKeyOverride">A candidate key to test instead of the stored one; travels in request options to the header handler, never in the URL.</param>
    [Get("/protected/json/app/details")]
    Task<IApiResponse<AuthyAppDetailsResponse>> GetAppDetailsAsync(
        [Property(AuthyRequestOptions.ApiKeyOverrideName)] string? apiKeyOverride, CancellationToken ct);

    [Post("/protected/json/users/{authyId}/secret")]
    Task<IApiResponse<AuthyQrCodeResponse>> RequestQrCodeAsync(
        string authyId, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken ct);

    [Post("/onetouch/json/users/{authyId}/approval_requests")]
    Task<IApiResponse<AuthyApprovalRequestResponse>> CreateApprovalRequestAsync(
        string authyId, [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form, CancellationToken ct);

    [Get("/onetouch/json/approval_requests/{uuid}")]
    Task<IApiResponse<AuthyApprovalRequestResponse>> GetApprovalRequestAsync(string uuid, CancellationToken ct);
}
