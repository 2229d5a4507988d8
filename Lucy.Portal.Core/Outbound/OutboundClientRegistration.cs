using System.Text.Json;
using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace Lucy.Portal.Core.Outbound;

/// <summary>
/// Registers one outside 2FA client the same way for every service: options bound and validated, the Refit interface
/// over a proxy read per request, no HTTP logging, the credential handler outermost, the shared resilience pipeline
/// with the service's breaker and repeat-safety rule, and the call runner with the service's error mapping.
/// </summary>
internal static class OutboundClientRegistration
{
    public static void AddOutboundClient<TApi, TOptions, TCredentialHandler, TResult, TErrors>(
        this IServiceCollection services, string section, string pipelineName, OutboundResiliencePipeline.RetryRule repeatSafety)
        where TApi : class
        where TOptions : OutboundResilienceOptions
        where TCredentialHandler : DelegatingHandler
        where TResult : class
        where TErrors : class, IOutboundErrors<TResult>
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .Validate(o => o.AttemptTimeout <= o.TotalTimeout, $"{section}:AttemptTimeout must not exceed {section}:TotalTimeout.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOutboundProxySource, DirectOutboundProxySource>();
        services.TryAddSingleton<IOutboundErrors<TResult>, TErrors>();
        services.TryAddSingleton<OutboundCallRunner<TResult>>();
        services.TryAddKeyedSingleton<OutboundBreaker>(pipelineName);
        services.AddTransient<TCredentialHandler>();

        services.AddRefitGeneratedClient<TApi>(new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web))))
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
                client.BaseAddress = options.BaseUrl;
                // Polly's total timeout decides; this only backs it up.
                client.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                Proxy = new OutboundWebProxy(sp.GetRequiredService<IOutboundProxySource>()),
                UseProxy = true,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // The default HttpClient loggers write the request URI (Authy puts tokens in the path) and request details.
            .RemoveAllLoggers()
            // Outermost: with no credentials the call ends here, before the pipeline, the breaker or any socket.
            .AddHttpMessageHandler<TCredentialHandler>()
            .AddResilienceHandler(pipelineName, (ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context) =>
                OutboundResiliencePipeline.Configure(pipeline, pipelineName,
                    context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value, repeatSafety,
                    context.ServiceProvider.GetRequiredKeyedService<OutboundBreaker>(pipelineName)));
    }
}
