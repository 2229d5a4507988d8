using System.Globalization;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Lucy.Portal.Core.Outbound;

/// <summary>
/// The pipeline of every outside 2FA service, outermost first: total timeout, retry (only what the service says is
/// repeat-safe), circuit breaker (sees every attempt, so a handful of failures trips it), per-attempt timeout.
/// </summary>
internal static class OutboundResiliencePipeline
{
    /// <summary>Decides, per attempt, whether a retry is harmless (never a send or a code check that may have arrived).</summary>
    public delegate bool RetryRule(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfterWait);

    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> pipeline, string name, OutboundResilienceOptions options, RetryRule shouldRetry, OutboundBreaker breaker)
    {
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = $"{name}-total", Timeout = options.TotalTimeout });

        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = $"{name}-retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    shouldRetry(args.Context.GetRequestMessage(), args.Outcome, options.MaxRetryAfterWait)),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = $"{name}-breaker",
            MinimumThroughput = options.BreakerMinimumThroughput,
            FailureRatio = options.BreakerFailureRatio,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(CountsAsFailure(args.Outcome, breaker)),
            ManualControl = breaker.Control,
            OnOpened = args =>
            {
                breaker.Opened(args.BreakDuration);
                return default;
            },
            OnHalfOpened = _ =>
            {
                breaker.HalfOpened();
                return default;
            },
            OnClosed = _ =>
            {
                breaker.Closed();
                return default;
            },
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = $"{name}-attempt", Timeout = options.AttemptTimeout });
    }

    private static bool CountsAsFailure(Outcome<HttpResponseMessage> outcome, OutboundBreaker breaker)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }
        breaker.Failed(outcome switch
        {
            { Exception: TimeoutRejectedException } => "timeout",
            { Exception: HttpRequestException } => "connection failed",
            { Exception: { } other } => other.GetType().Name,
            { Result: { } response } => string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"),
            _ => "failed",
        });
        return true;
    }
}
