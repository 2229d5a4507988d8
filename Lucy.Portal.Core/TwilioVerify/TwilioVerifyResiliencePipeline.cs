using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Lucy.Portal.Core.Outbound;
using Polly;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>
/// The Verify pipeline, outermost first (the same shape as Authy's): total timeout, retry (the Service probe only),
/// circuit breaker (sees every attempt, so a handful of failures trips it), per-attempt timeout.
/// </summary>
internal static class TwilioVerifyResiliencePipeline
{
    public const string Name = "twilio-verify";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context) =>
        OutboundResiliencePipeline.Configure(pipeline, Name,
            context.ServiceProvider.GetRequiredService<IOptions<TwilioVerifyOptions>>().Value, TwilioVerifyRepeatSafety.ShouldRetry,
            context.ServiceProvider.GetRequiredKeyedService<OutboundBreaker>(Name));
}
