using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// The Verify pipeline, outermost first (the same shape as Authy's): total timeout, retry (the Service probe only),
/// circuit breaker (sees every attempt, so a handful of failures trips it), per-attempt timeout.
/// </summary>
internal static class TwilioVerifyResiliencePipeline
{
    public const string Name = "twilio-verify";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<TwilioVerifyOptions>>().Value;

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "twilio-verify-total", Timeout = options.TotalTimeout });

        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "twilio-verify-retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    TwilioVerifyRepeatSafety.ShouldRetry(args.Context.GetRequestMessage(), args.Outcome, options.MaxRetryAfterWait)),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "twilio-verify-breaker",
            MinimumThroughput = options.BreakerMinimumThroughput,
            FailureRatio = options.BreakerFailureRatio,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "twilio-verify-attempt", Timeout = options.AttemptTimeout });
    }
}
