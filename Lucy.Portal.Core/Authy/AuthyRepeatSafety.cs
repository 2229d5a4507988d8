using System.Collections.Frozen;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Decides which Authy calls may be sent again. Only reads and idempotent writes qualify: SMS and call are GETs that
/// bill and text the user, a repeated verify can be refused as a reused token, and a second OneTouch request pushes
/// twice. Anything not listed is never retried, so a new endpoint is safe by default.
/// VerifyTokenAsync must never be listed: a verify whose answer was lost may have used the code up, and the repeat
/// would be refused as reused (60019), telling the user a falsehood and counting a failure (docs/authy-contract.md).
/// </summary>
internal static class AuthyRepeatSafety
{
    private static readonly FrozenSet<string> RepeatSafeOperations = new[]
    {
        nameof(IAuthyApi.GetAppDetailsAsync),
        nameof(IAuthyApi.GetUserStatusAsync),
        nameof(IAuthyApi.GetApprovalRequestAsync),
        // users/new is idempotent on phone + country code: a repeat returns the same authy_id.
        nameof(IAuthyApi.RegisterUserAsync),
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsRepeatSafe(HttpRequestMessage? request) =>
        request is not null
        && request.Options.TryGetValue(AuthyRequestOptions.RefitMethodName, out var operation)
        && RepeatSafeOperations.Contains(operation);

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
