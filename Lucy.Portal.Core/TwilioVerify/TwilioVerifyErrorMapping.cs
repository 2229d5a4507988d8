using Lucy.Portal.Core.TwilioVerify.Contract;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// Turns a Twilio refusal (HTTP status + numeric error code) into a typed result. The code decides first; the status
/// alone decides when the body is missing or unreadable (e.g. an HTML page from a proxy).
/// </summary>
public static class TwilioVerifyErrorMapping
{
    public static TwilioVerifyResult Map(int httpStatus, TwilioErrorResponse? body, TimeSpan? retryAfter = null)
    {
        var code = body?.Code;
        var result = (code is { } c ? FromCode(c) : null) ?? FromStatus(httpStatus);
        return result with
        {
            Message = result.Status == TwilioVerifyStatus.Throttled ? TwilioVerifyMessages.ThrottledFor(retryAfter) : result.Message,
            ErrorCode = code,
            HttpStatus = httpStatus,
            RetryAfter = retryAfter,
        };
    }

    private static TwilioVerifyResult? FromCode(int code) => code switch
    {
        20003 => Permanent(TwilioVerifyStatus.InvalidCredentials, TwilioVerifyMessages.InvalidCredentials),
        20404 => Permanent(TwilioVerifyStatus.NotFound, TwilioVerifyMessages.NotFound),
        60202 => Permanent(TwilioVerifyStatus.MaxCheckAttempts, TwilioVerifyMessages.MaxCheckAttempts),
        60203 => Permanent(TwilioVerifyStatus.MaxSendAttempts, TwilioVerifyMessages.MaxSendAttempts),
        // 60200 invalid parameter (Verify names the To number), 21211 invalid To, 60205 SMS to a landline.
        60200 or 21211 or 21614 or 60205 => Permanent(TwilioVerifyStatus.InvalidPhone, TwilioVerifyMessages.InvalidPhone),
        20429 or 60212 => Transient(TwilioVerifyStatus.Throttled, TwilioVerifyMessages.Throttled),
        _ => null,
    };

    private static TwilioVerifyResult FromStatus(int httpStatus) => httpStatus switch
    {
        429 => Transient(TwilioVerifyStatus.Throttled, TwilioVerifyMessages.Throttled),
        401 or 403 => Permanent(TwilioVerifyStatus.InvalidCredentials, TwilioVerifyMessages.InvalidCredentials),
        404 => Permanent(TwilioVerifyStatus.NotFound, TwilioVerifyMessages.NotFound),
        408 or >= 500 => Transient(TwilioVerifyStatus.Unavailable, TwilioVerifyMessages.Unavailable),
        _ => Permanent(TwilioVerifyStatus.Rejected, TwilioVerifyMessages.Rejected),
    };

    private static TwilioVerifyResult Permanent(TwilioVerifyStatus status, string message) => new(status, message);

    private static TwilioVerifyResult Transient(TwilioVerifyStatus status, string message) => new(status, message) { IsTransient = true };
}
