using System.Text.Json.Nodes;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// Response bodies mirroring the documented fixtures (authy-api.md §1a, §6): error_code is a string, verify says
/// success "true" as a string, ignored sends come back 200. Public so tests can replay them through faults.
/// </summary>
public static class FakeAuthyBodies
{
    public static string Error(string code, string message, JsonObject? fieldErrors = null)
    {
        var errors = new JsonObject { ["message"] = message };
        var body = new JsonObject { ["message"] = message, ["success"] = false, ["errors"] = errors, ["error_code"] = code };
        foreach (var (field, value) in fieldErrors ?? [])
        {
            errors[field] = value?.DeepClone();
            body[field] = value?.DeepClone(); // Authy duplicates field errors at the top level
        }

        return body.ToJsonString();
    }

    public static string InvalidApiKey() => Error("60001", "Invalid API key");

    public static string UserNotFound() => Error("60026", "User not found.");

    /// <summary>Our reading: Authy documents the 404 for an unlisted locale but not its body; the generic code 60000.</summary>
    public static string LocaleNotSupported(string locale) => Error("60000", $"Locale not supported: {locale}");

    public static string TooManyRequests() => Error("60003", "Too many requests");

    public static string UserNotValid(string field) => Error("60027", "User was not valid", new JsonObject { [field] = "is invalid" });

    public static string TokenInvalid() => new JsonObject
    {
        ["message"] = "Token is invalid",
        ["token"] = "is invalid",
        ["success"] = false,
        ["errors"] = new JsonObject { ["message"] = "Token is invalid" },
        ["error_code"] = "60020",
    }.ToJsonString();

    public static string TokenReused() => new JsonObject
    {
        ["message"] = "Token is invalid. Token was used recently",
        ["token"] = "is invalid",
        ["success"] = false,
        ["errors"] = new JsonObject { ["message"] = "Token is invalid. Token was used recently" },
        ["error_code"] = "60019",
    }.ToJsonString();

    /// <summary>authy-client's failed-verify mock: 401 with no error_code at all.</summary>
    public static string TokenInvalidWithoutCode() => """{"errors":{"token":"is invalid"},"token":"is invalid","success":false}""";

    public static string TokenValid() => new JsonObject
    {
        ["message"] = "Token is valid.",
        ["token"] = "is valid",
        ["success"] = "true",
        ["device"] = new JsonObject { ["id"] = null, ["os_type"] = "sms", ["registration_date"] = 1490996931, ["last_sync_date"] = null },
    }.ToJsonString();

    public static string UserCreated(string id) =>
        $$"""{"message":"User created successfully.","user":{"id":{{id}}},"success":true}""";

    public static string SmsSent(string maskedPhone) =>
        new JsonObject { ["success"] = true, ["message"] = "SMS token was sent", ["cellphone"] = maskedPhone }.ToJsonString();

    public static string SmsIgnored(string maskedPhone) => new JsonObject
    {
        ["success"] = true,
        ["ignored"] = true,
        ["device"] = "iphone",
        ["message"] = "Ignored: SMS is not needed for smartphones. Pass force=true if you want to actually send it anyway.",
        ["cellphone"] = maskedPhone,
    }.ToJsonString();

    public static string CallStarted(string maskedPhone) =>
        new JsonObject { ["success"] = true, ["message"] = "Call started...", ["cellphone"] = maskedPhone }.ToJsonString();

    public static string CallIgnored(string maskedPhone) => new JsonObject
    {
        ["success"] = true,
        ["ignored"] = true,
        ["device"] = "iphone",
        ["message"] = "Call ignored. User is using App Tokens and this call is not necessary. Pass force=true if you still want to call users that are using the App.",
        ["cellphone"] = maskedPhone,
    }.ToJsonString();

    public static string UserRemoved() => """{"message":"User removed from application","success":true}""";

    public static string UserStatus(FakeAuthyUser user) => new JsonObject
    {
        ["status"] = new JsonObject
        {
            ["authy_id"] = long.Parse(user.Id, System.Globalization.CultureInfo.InvariantCulture),
            ["confirmed"] = user.Confirmed,
            ["registered"] = user.HasApp,
            ["country_code"] = int.Parse(user.CountryCode, System.Globalization.CultureInfo.InvariantCulture),
            ["phone_number"] = $"XXX-XXX-{user.Cellphone[^4..]}",
            ["email"] = user.Emails.FirstOrDefault(),
            ["devices"] = new JsonArray(user.HasApp ? "iphone" : "sms"),
            ["has_hard_token"] = false,
            ["account_disabled"] = false,
            ["detailed_devices"] = user.HasApp
                ? new JsonArray(new JsonObject
                {
                    ["device_type"] = "authy",
                    ["os_type"] = "ios",
                    ["device_id"] = long.Parse(user.Id, System.Globalization.CultureInfo.InvariantCulture) + 1,
                    ["last_sync_date"] = 0,
                    ["creation_date"] = 1433868212,
                })
                : new JsonArray(),
            ["deleted_devices"] = new JsonArray(),
        },
        ["message"] = "User status.",
        ["success"] = true,
    }.ToJsonString();

    public static string AppDetails(string name, bool sms, bool calls, bool oneTouch) => new JsonObject
    {
        ["app"] = new JsonObject
        {
            ["app_id"] = 3,
            ["name"] = name,
            ["plan"] = "pay_as_you_go",
            ["sms_enabled"] = sms,
            ["onetouch_enabled"] = oneTouch,
            ["phone_calls_enabled"] = calls,
        },
        ["message"] = "Application information.",
        ["success"] = true,
    }.ToJsonString();

    public static string QrCode(string url, string label) =>
        new JsonObject { ["label"] = label, ["qr_code"] = url, ["success"] = true }.ToJsonString();

    public static string ApprovalCreated(string uuid) =>
        new JsonObject { ["approval_request"] = new JsonObject { ["uuid"] = uuid }, ["success"] = true }.ToJsonString();

    public static string ApprovalStatus(FakeOneTouchRequest request) => new JsonObject
    {
        ["approval_request"] = new JsonObject
        {
            ["_app_name"] = "Lucy",
            ["_authy_id"] = long.Parse(request.AuthyId, System.Globalization.CultureInfo.InvariantCulture),
            ["created_at"] = request.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["notified"] = false,
            ["processed_at"] = request.ProcessedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["seconds_to_expire"] = request.SecondsToExpire ?? 86400,
            ["status"] = request.Status,
            ["uuid"] = request.Uuid,
        },
        ["success"] = true,
    }.ToJsonString();

    public static string ApprovalNotFound(string uuid) =>
        $$"""{"message":"Approval request not found: {{uuid}}","success":false,"errors":{},"error_code":"60049"}""";

    public static string OneTouchUnregisteredUser() => Error("60050", "User has not registered the Authy app for OneTouch");

    /// <summary>Starts like JSON and stops: what a proxy cut-off or a broken upstream looks like.</summary>
    public const string Malformed = """{"success":true,"message":"SMS token was""";
}
