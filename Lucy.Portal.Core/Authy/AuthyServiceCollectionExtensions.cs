using System.Text.Json;
using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Lucy.Portal.Core.Authy;

/// <summary>Registration of the Authy client: Refit interface, key header, proxy, resilience and the services over it.</summary>
public static class AuthyServiceCollectionExtensions
{
    public static IServiceCollection AddAuthyClient(this IServiceCollection services)
    {
        services.AddOptions<AuthyOptions>()
            .BindConfiguration(AuthyOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.AttemptTimeout <= o.TotalTimeout, "Authy:AttemptTimeout must not exceed Authy:TotalTimeout.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAuthyApiKeySource, UnconfiguredAuthyApiKeySource>();
        services.TryAddSingleton<IOutboundProxySource, DirectOutboundProxySource>();

        services.AddTransient<AuthyApiKeyHandler>();
        services.TryAddKeyedSingleton<OutboundBreaker>(AuthyResiliencePipeline.Name);
        services.AddRefitGeneratedClient<IAuthyApi>(new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web))))
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<AuthyOptions>>().Value;
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
            // The default HttpClient loggers write the request URI, and Authy puts tokens in the path.
            .RemoveAllLoggers()
            // Outermost: with no key the call ends here, before the pipeline, the breaker or any socket.
            .AddHttpMessageHandler<AuthyApiKeyHandler>()
            .AddResilienceHandler(AuthyResiliencePipeline.Name, AuthyResiliencePipeline.Configure);

        services.TryAddSingleton<AuthyCallRunner>();
        services.TryAddTransient<AuthyTokenVerifier>();
        services.TryAddTransient<AuthyCodeSender>();
        services.TryAddTransient<AuthyUserRegistry>();
        services.TryAddTransient<AuthyOneTouch>();
        services.TryAddTransient<AuthyApplicationProbe>();
        services.TryAddTransient<IAuthyKeyCheck, AuthyKeyCheck>();
        return services;
    }
}
