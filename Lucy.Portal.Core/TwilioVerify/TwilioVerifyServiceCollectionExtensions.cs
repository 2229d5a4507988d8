using System.Text.Json;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>Registration of the Twilio Verify client: Refit interface, Basic auth, proxy, resilience and the services over it.</summary>
public static class TwilioVerifyServiceCollectionExtensions
{
    public static IServiceCollection AddTwilioVerifyClient(this IServiceCollection services)
    {
        services.AddOptions<TwilioVerifyOptions>()
            .BindConfiguration(TwilioVerifyOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.AttemptTimeout <= o.TotalTimeout, "TwilioVerify:AttemptTimeout must not exceed TwilioVerify:TotalTimeout.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITwilioVerifyCredentialSource, UnconfiguredTwilioVerifyCredentialSource>();
        services.TryAddSingleton<IOutboundProxySource, DirectOutboundProxySource>();

        services.AddTransient<TwilioVerifyAuthHandler>();
        services.AddRefitGeneratedClient<ITwilioVerifyApi>(new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web))))
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<TwilioVerifyOptions>>().Value;
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
            // The default HttpClient loggers would log request details; nothing about a Verify call is worth that risk.
            .RemoveAllLoggers()
            // Outermost: with no credentials the call ends here, before the pipeline, the breaker or any socket.
            .AddHttpMessageHandler<TwilioVerifyAuthHandler>()
            .AddResilienceHandler(TwilioVerifyResiliencePipeline.Name, TwilioVerifyResiliencePipeline.Configure);

        services.TryAddSingleton<TwilioVerifyCallRunner>();
        services.TryAddTransient<TwilioVerifyServiceProbe>();
        services.TryAddTransient<TwilioVerifyCodes>();
        services.TryAddKeyedSingleton<OutboundBreaker>(TwilioVerifyResiliencePipeline.Name);
        services.TryAddTransient<ITwilioVerifyCredentialCheck, TwilioVerifyCredentialCheck>();
        return services;
    }
}
