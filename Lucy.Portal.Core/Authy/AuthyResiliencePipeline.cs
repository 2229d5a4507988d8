using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// The Authy pipeline, outermost first: total timeout, retry (repeat-safe calls only), circuit breaker (sees every
/// attempt, so a handful of failures trips it), per-attempt timeout.
/// </summary>
internal static class AuthyResiliencePipeline
{
    public const string Name = "authy";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<AuthyOptions>>().Value;

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "authy-total", Timeout = options.TotalTimeout });

        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "authy-retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    AuthyRepeatSafety.ShouldRetry(args.Context.GetRequestMessage(), args.Outcome, options.MaxRetryAfterWait)),
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "authy-breaker",
            MinimumThroughput = options.BreakerMinimumThroughput,
            FailureRatio = options.BreakerFailureRatio,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        });

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "authy-attempt", Timeout = options.AttemptTimeout });
    }
}
