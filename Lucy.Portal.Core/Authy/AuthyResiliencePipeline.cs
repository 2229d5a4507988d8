using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Lucy.Portal.Core.Outbound;
using Polly;

namespace Lucy.Portal.Core.Authy;

/// <summary>
/// The Authy pipeline, outermost first: total timeout, retry (repeat-safe calls only), circuit breaker (sees every
/// attempt, so a handful of failures trips it), per-attempt timeout.
/// </summary>
internal static class AuthyResiliencePipeline
{
    public const string Name = "authy";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context) =>
        OutboundResiliencePipeline.Configure(pipeline, Name,
            context.ServiceProvider.GetRequiredService<IOptions<AuthyOptions>>().Value, AuthyRepeatSafety.ShouldRetry,
            context.ServiceProvider.GetRequiredKeyedService<OutboundBreaker>(Name));
}
