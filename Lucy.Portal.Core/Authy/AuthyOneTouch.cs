using Lucy.Portal.Core.Outbound;
using System.Globalization;
using Microsoft.Extensions.Options;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Authy;

/// <summary>The state of a OneTouch push.</summary>
public enum AuthyApprovalStatus
{
    Pending,
    Approved,
    Denied,
    Expired,
}

/// <summary>A OneTouch push: the message and the visible details the user approves or denies on the phone.</summary>
public sealed record AuthyApprovalRequest(string Message, IReadOnlyDictionary<string, string>? Details = null, IReadOnlyDictionary<string, string>? HiddenDetails = null);

/// <summary>
/// OneTouch push approval: create a request (never retried, it would push twice) and poll its status (retried,
/// reading is harmless). seconds_to_expire is always sent because Authy's default is unclear.
/// </summary>
public sealed class AuthyOneTouch(IAuthyApi api, OutboundCallRunner<AuthyResult> runner, IOptions<AuthyOptions> options)
{
    // authy-client caps the message at 144 characters, the stricter of the official clients.
    private const int MaxMessageLength = 144;

    public async Task<AuthyResult<string>> CreateApprovalRequestAsync(string authyId, AuthyApprovalRequest request, CancellationToken ct = default)
    {
        if (!AuthyInput.IsAuthyId(authyId))
        {
            return new AuthyResult(AuthyStatus.UserNotFound, AuthyMessages.UserNotFound).As<string>();
        }

        if (string.IsNullOrWhiteSpace(request.Message) || request.Message.Length > MaxMessageLength)
        {
            return new AuthyResult(AuthyStatus.InvalidRequest, AuthyMessages.InvalidRequest).As<string>();
        }

        var form = new Dictionary<string, string>
        {
            ["message"] = request.Message,
            ["seconds_to_expire"] = options.Value.OneTouchSecondsToExpire.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in request.Details ?? new Dictionary<string, string>())
        {
            form[$"details[{key}]"] = value;
        }

        foreach (var (key, value) in request.HiddenDetails ?? new Dictionary<string, string>())
        {
            form[$"hidden_details[{key}]"] = value;
        }

        return await runner.CallAsync(
            "onetouch-create",
            c => api.CreateApprovalRequestAsync(authyId, form, c),
            body => AuthyInput.IsApprovalUuid(body.ApprovalRequest?.Uuid)
                ? AuthyResult.Ok(body.ApprovalRequest!.Uuid!, ProviderStrings.Authy_ApprovalSent)
                : AuthyResult.UnreadableAnswer.As<string>(),
            ct);
    }

    public async Task<AuthyResult<AuthyApprovalStatus>> GetApprovalStatusAsync(string uuid, CancellationToken ct = default)
    {
        if (!AuthyInput.IsApprovalUuid(uuid))
        {
            return new AuthyResult(AuthyStatus.NotFound, AuthyMessages.NotFound).As<AuthyApprovalStatus>();
        }

        return await runner.CallAsync(
            "onetouch-status",
            c => api.GetApprovalRequestAsync(uuid, c),
            body => ParseStatus(body.ApprovalRequest?.Status) is { } status
                ? AuthyResult.Ok(status, StatusMessage(status))
                : AuthyResult.UnreadableAnswer.As<AuthyApprovalStatus>(),
            ct);
    }

    private static AuthyApprovalStatus? ParseStatus(string? status) => status?.ToLowerInvariant() switch
    {
        "pending" => AuthyApprovalStatus.Pending,
        "approved" => AuthyApprovalStatus.Approved,
        "denied" => AuthyApprovalStatus.Denied,
        "expired" => AuthyApprovalStatus.Expired,
        _ => null,
    };

    private static string StatusMessage(AuthyApprovalStatus status) => status switch
    {
        AuthyApprovalStatus.Pending => ProviderStrings.Authy_ApprovalPending,
        AuthyApprovalStatus.Approved => ProviderStrings.Authy_ApprovalApproved,
        AuthyApprovalStatus.Denied => ProviderStrings.Authy_ApprovalDenied,
        _ => ProviderStrings.Authy_ApprovalExpired,
    };
}
