using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Outbound;

/// <summary>
/// The only per-provider part of an outside call: how the service's refusals, outages and missing credentials read
/// as its own typed result, and how loudly each outcome is logged. <see cref="OutboundCallRunner{TResult}"/> does the rest.
/// </summary>
public interface IOutboundErrors<TResult> where TResult : class
{
    /// <summary>The service's name in logs and in the bug exception ("Authy", "Twilio Verify").</summary>
    string ServiceName { get; }

    /// <summary>True for the exception the credential handler throws before any socket opens.</summary>
    bool IsNotConfigured(Exception failure);

    TResult NotConfigured { get; }

    /// <summary>No usable answer: an outage (no status) or a 2xx whose body cannot be read.</summary>
    TResult Unavailable(int? httpStatus);

    /// <summary>A non-2xx answer, from its status, its error body (null when absent or not JSON) and Retry-After.</summary>
    TResult Refused(int httpStatus, string? errorBody, TimeSpan? retryAfter);

    /// <summary>A 2xx whose body itself says it failed (Authy's success:false), or null when the body is an answer.</summary>
    TResult? RefusedInBody(object body, int httpStatus);

    LogLevel LogLevelOf(TResult result);

    /// <summary>What the log line says about an outcome: never a secret, a phone number or a code.</summary>
    (object Status, int? HttpStatus, object? ErrorCode) Describe(TResult result);
}
