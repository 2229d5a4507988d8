using System.Text.Json.Serialization;

namespace Lucy.Portal.Core.TwilioVerify.Contract;

// Verify v2 answers (authy-api.md §5): snake_case JSON. Only the fields the portal reads are mapped.

/// <summary>GET /v2/Services/{sid}: the Verify Service behind the credentials.</summary>
public sealed class TwilioVerifyServiceResponse
{
    [JsonPropertyName("sid")]
    public string? Sid { get; init; }

    [JsonPropertyName("friendly_name")]
    public string? FriendlyName { get; init; }
}

/// <summary>A Verification (POST …/Verifications) or a Verification Check (POST …/VerificationCheck).</summary>
public sealed class TwilioVerificationResponse
{
    [JsonPropertyName("sid")]
    public string? Sid { get; init; }

    /// <summary>"pending", "approved", "canceled", …</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("channel")]
    public string? Channel { get; init; }

    /// <summary>Only on checks: true when the code matched.</summary>
    [JsonPropertyName("valid")]
    public bool? Valid { get; init; }
}

/// <summary>Twilio's error body: {"code": 60203, "message": "...", "more_info": "...", "status": 429}.</summary>
public sealed class TwilioErrorResponse
{
    /// <summary>A JSON number in Twilio's answers; a string is tolerated.</summary>
    [JsonPropertyName("code")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("more_info")]
    public string? MoreInfo { get; init; }

    [JsonPropertyName("status")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Status { get; init; }
}
