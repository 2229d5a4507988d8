using System.Net.Http.Headers;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Lucy.Portal.Core.Outbound;

/// <summary>Reading the answers (and non-answers) of an outside 2FA service the same way for every client.</summary>
internal static class OutboundResponses
{
    /// <summary>True for the failures that mean "the service could not answer": a typed Unavailable, never an exception.</summary>
    public static bool IsOutage(Exception failure) =>
        failure is BrokenCircuitException or TimeoutRejectedException or HttpRequestException or JsonException
            or OperationCanceledException or IOException;

    /// <summary>An error body, or null when there is none or it is not JSON (an HTML page from a proxy, say).</summary>
    public static T? ReadErrorBody<T>(string? content) where T : class
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(content);
        }
        catch (JsonException)
        {
            return null; // the status code alone decides
        }
    }

    public static TimeSpan? RetryAfter(HttpResponseHeaders? headers, DateTimeOffset now) => headers?.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
