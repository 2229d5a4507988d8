using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lucy.Portal.Core.Authy.Contract;

// Response bodies as documented in authy-api.md §1a. Booleans and codes are read tolerantly because Authy
// is inconsistent about strings versus JSON literals.

/// <summary>The fields every Authy answer carries, success or error.</summary>
public class AuthyEnvelope
{
    [JsonPropertyName("success")]
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? Success { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("error_code")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ErrorCode { get; init; }

    /// <summary>Field errors, e.g. {"cellphone":"is invalid"}; values are usually strings.</summary>
    [JsonPropertyName("errors")]
    public Dictionary<string, JsonElement>? Errors { get; init; }

    /// <summary>Verify answers say "is valid" / "is invalid" here.</summary>
    [JsonPropertyName("token")]
    public string? Token { get; init; }
}

public sealed class AuthyRegisterUserResponse : AuthyEnvelope
{
    [JsonPropertyName("user")]
    public AuthyUserReference? User { get; init; }
}

public sealed class AuthyUserReference
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Id { get; init; }
}

public sealed class AuthyVerifyResponse : AuthyEnvelope;

public sealed class AuthySendCodeResponse : AuthyEnvelope
{
    [JsonPropertyName("ignored")]
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? Ignored { get; init; }

    /// <summary>Masked by Authy, e.g. "+1-XXX-XXX-XX34".</summary>
    [JsonPropertyName("cellphone")]
    public string? Cellphone { get; init; }
}

public sealed class AuthyUserStatusResponse : AuthyEnvelope
{
    [JsonPropertyName("status")]
    public AuthyUserStatusBody? Status { get; init; }
}

public sealed class AuthyUserStatusBody
{
    [JsonPropertyName("authy_id")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? AuthyId { get; init; }

    [JsonPropertyName("confirmed")]
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? Confirmed { get; init; }

    [JsonPropertyName("registered")]
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? Registered { get; init; }

    [JsonPropertyName("account_disabled")]
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? AccountDisabled { get; init; }

    [JsonPropertyName("phone_number")]
    public string? PhoneNumber { get; init; }

    [JsonPropertyName("devices")]
    public List<string>? Devices { get; init; }
}

public sealed class AuthyAppDetailsResponse : AuthyEnvelope
{
    [JsonPropertyName("app")]
    public AuthyAppBody? App { get; init; }
}

public sealed class AuthyAppBody
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("plan")]
    public string? Plan { get; init; }

    [JsonPropertyName("sms_enabled")]
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? SmsEnabled { get; init; }

    [JsonPropertyName("phone_calls_enabled")]
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? PhoneCallsEnabled { get; init; }

    [JsonPropertyName("onetouch_enabled")]
    [JsonConverter(typeof(FlexibleBooleanConverter))]
    public bool? OneTouchEnabled { get; init; }
}

public sealed class AuthyQrCodeResponse : AuthyEnvelope
{
    [JsonPropertyName("qr_code")]
    public string? QrCode { get; init; }
}

public sealed class AuthyApprovalRequestResponse : AuthyEnvelope
{
    [JsonPropertyName("approval_request")]
    public AuthyApprovalRequestBody? ApprovalRequest { get; init; }
}

public sealed class AuthyApprovalRequestBody
{
    [JsonPropertyName("uuid")]
    public string? Uuid { get; init; }

    /// <summary>pending, approved, denied or expired; absent in the create answer.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
