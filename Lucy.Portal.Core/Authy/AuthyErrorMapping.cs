using Lucy.Portal.Core.Authy.Contract;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Turns an Authy refusal (HTTP status + error_code + field errors) into a typed result. The error code decides
/// first because 401 alone means either a bad key or a bad token (authy-api.md §1, §2).
/// </summary>
public static class AuthyErrorMapping
{
    public static AuthyResult Map(int httpStatus, AuthyEnvelope? body, TimeSpan? retryAfter = null)
    {
        var code = body?.ErrorCode?.Trim();
        var result = (code is { Length: > 0 } ? FromCode(code, body!) : null) ?? FromStatus(httpStatus, body);
        return result with
        {
            Message = result.Status == AuthyStatus.Throttled ? AuthyMessages.ThrottledFor(retryAfter) : result.Message,
            ErrorCode = code is { Length: > 0 } ? code : null,
            HttpStatus = httpStatus,
            RetryAfter = retryAfter,
        };
    }

    private static AuthyResult? FromCode(string code, AuthyEnvelope body) => code switch
    {
        "60001" or "60047" or "60073" => Permanent(AuthyStatus.InvalidKey, AuthyMessages.InvalidKey),
        "60020" => Permanent(AuthyStatus.TokenInvalid, AuthyMessages.TokenInvalid),
        "60019" => Permanent(AuthyStatus.TokenReused, AuthyMessages.TokenReused),
        "60026" or "60016" => Permanent(AuthyStatus.UserNotFound, AuthyMessages.UserNotFound),
        "60049" or "60079" => Permanent(AuthyStatus.NotFound, AuthyMessages.NotFound),
        "60003" => Transient(AuthyStatus.Throttled, AuthyMessages.Throttled),
        "60009" or "60010" or "60011" or "60012" => Permanent(AuthyStatus.QuotaReached, AuthyMessages.QuotaReached),
        "60033" or "60078" or "60082" or "60058" or "60059" or "60083" => Permanent(AuthyStatus.InvalidPhone, AuthyMessages.InvalidPhone),
        "60027" when HasFieldError(body, "cellphone") || HasFieldError(body, "country_code") =>
            Permanent(AuthyStatus.InvalidPhone, AuthyMessages.InvalidPhone),
        "60002" or "60004" or "60005" or "60027" or "60038" => Permanent(AuthyStatus.InvalidRequest, AuthyMessages.InvalidRequest),
        "60006" or "60007" or "60013" or "60050" or "60051" or "60064" or "60154" =>
            Permanent(AuthyStatus.FeatureDisabled, AuthyMessages.FeatureDisabled),
        // Sending or internal errors a user-initiated retry may fix (authy-api.md §2 classification).
        "60014" or "60015" or "60028" or "60052" or "60053" or "60054" or "60055" or "60057" =>
            Transient(AuthyStatus.Rejected, AuthyMessages.Unavailable),
        _ => null,
    };

    private static AuthyResult FromStatus(int httpStatus, AuthyEnvelope? body) => httpStatus switch
    {
        429 or 503 => Transient(AuthyStatus.Throttled, AuthyMessages.Throttled),
        // authy-client's failed-verify fixture is a 401 without a code: the token field tells it from a bad key.
        401 when string.Equals(body?.Token, "is invalid", StringComparison.OrdinalIgnoreCase) =>
            Permanent(AuthyStatus.TokenInvalid, AuthyMessages.TokenInvalid),
        401 or 403 => Permanent(AuthyStatus.InvalidKey, AuthyMessages.InvalidKey),
        404 => Permanent(AuthyStatus.UserNotFound, AuthyMessages.UserNotFound),
        400 or 422 => Permanent(AuthyStatus.InvalidRequest, AuthyMessages.InvalidRequest),
        408 or >= 500 => Transient(AuthyStatus.Unavailable, AuthyMessages.Unavailable),
        _ => Permanent(AuthyStatus.Rejected, AuthyMessages.Rejected),
    };

    private static bool HasFieldError(AuthyEnvelope body, string field) => body.Errors?.ContainsKey(field) == true;

    private static AuthyResult Permanent(AuthyStatus status, string message) => new(status, message);

    private static AuthyResult Transient(AuthyStatus status, string message) => new(status, message) { IsTransient = true };
}
