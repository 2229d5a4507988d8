using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Authy.Callbacks;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.SignIn;

/// <summary>What the portal made of a OneTouch callback.</summary>
public enum OneTouchCallbackOutcome
{
    /// <summary>Signed, fresh and new: the answer was recorded on the sign-in it belongs to, or there was nothing to record.</summary>
    Accepted,
    /// <summary>Not provably from Authy (no or wrong signature, or no key configured).</summary>
    Unauthenticated,
    /// <summary>Signed, but its nonce is outside the freshness window.</summary>
    Stale,
    /// <summary>Signed and fresh, but already accepted once (here or on another instance).</summary>
    Replayed,
    /// <summary>Signed, but its fields are missing or ambiguous.</summary>
    Malformed,
}

/// <summary>
/// Receives Authy's OneTouch callback (docs/authy-onetouch-callback.md): checks it came from Authy,
/// fresh and once, then records "approved" or "denied" on the waiting sign-in challenge of the user the request
/// was sent to. The token prompt acts on the recorded answer through the usual approval path.
/// </summary>
public sealed class OneTouchCallbackReceiver(
    AuthyCallbackValidator validator,
    SignInChallenges challenges,
    ILogger<OneTouchCallbackReceiver> logger)
{
    private const string StatusAction = "approval_request_status";

    public async Task<OneTouchCallbackOutcome> ReceiveAsync(AuthyCallbackRequest request, CancellationToken ct = default)
    {
        var verdict = await validator.ValidateAsync(request, ct);
        if (verdict != AuthyCallbackVerdict.Valid)
        {
            logger.LogWarning("OneTouch callback refused: {Verdict}.", verdict);
            return verdict switch
            {
                AuthyCallbackVerdict.StaleNonce => OneTouchCallbackOutcome.Stale,
                AuthyCallbackVerdict.Replayed => OneTouchCallbackOutcome.Replayed,
                _ => OneTouchCallbackOutcome.Unauthenticated,
            };
        }

        if (!TrySingle(request.Parameters, "uuid", out var uuid) || !AuthyInput.IsApprovalUuid(uuid)
            || !TrySingle(request.Parameters, "authy_id", out var authyId) || !AuthyInput.IsAuthyId(authyId)
            || !TrySingle(request.Parameters, "status", out var status))
        {
            logger.LogWarning("OneTouch callback refused: its uuid, authy_id or status is missing, repeated or invalid.");
            return OneTouchCallbackOutcome.Malformed;
        }
        var action = request.Parameters.Where(p => p.Key == "callback_action").Select(p => p.Value).ToList();
        if (action.Any(a => a != StatusAction) || Answer(status) is not { } answer)
        {
            // Other actions and states (pending, expired) change nothing here; polling still sees expiry.
            return OneTouchCallbackOutcome.Accepted;
        }

        var recording = await challenges.RecordOneTouchAnswerAsync(uuid, authyId, answer, ct);
        if (recording != OneTouchAnswerRecording.Recorded)
        {
            logger.LogInformation("OneTouch callback for {Uuid} not recorded: {Recording}.", uuid, recording);
        }
        return OneTouchCallbackOutcome.Accepted;
    }

    private static AuthyApprovalStatus? Answer(string status) => status switch
    {
        "approved" => AuthyApprovalStatus.Approved,
        "denied" => AuthyApprovalStatus.Denied,
        _ => null,
    };

    // A field given twice (possible in a query string) is ambiguous: which one did the signer mean?
    private static bool TrySingle(IReadOnlyList<KeyValuePair<string, string>> parameters, string key, out string value)
    {
        var values = parameters.Where(p => p.Key == key).Select(p => p.Value).ToList();
        value = values.Count == 1 ? values[0] : string.Empty;
        return values.Count == 1;
    }
}
