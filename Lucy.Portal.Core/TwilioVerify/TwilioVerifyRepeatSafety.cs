using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// Decides which Verify calls may be sent again: only the Service probe, a read. A repeated send can text the user
/// twice and uses one of the verification's 5 sends (60203); a repeated check burns one of its 5 checks (60202)
/// (security.md §4c). Anything not listed is never retried, so a new endpoint is safe by default.
/// </summary>
internal static class TwilioVerifyRepeatSafety
{
    public static bool IsRepeatSafe(HttpRequestMessage? request) =>
        request is not null
        && request.Options.TryGetValue(TwilioVerifyRequestOptions.RefitMethodName, out var operation)
        && string.Equals(operation, nameof(ITwilioVerifyApi.GetServiceAsync), StringComparison.Ordinal);

    public static bool ShouldRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfterWait)
    {
        if (!IsRepeatSafe(request) || !HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }

        // A long Retry-After would blow the total timeout; report it as throttled instead of sleeping through it.
        return outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } response
            || RetryAfterOf(response) is not { } wait
            || wait <= maxRetryAfterWait;
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
