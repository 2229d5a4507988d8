using Lucy.Portal.Core.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lucy.Portal.Core.Authy;

/// <summary>Registration of the Authy client (the shared outbound registration with Authy's key handler) and the services over it.</summary>
public static class AuthyServiceCollectionExtensions
{
    public static IServiceCollection AddAuthyClient(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuthyApiKeySource, UnconfiguredAuthyApiKeySource>();
        services.AddOutboundClient<IAuthyApi, AuthyOptions, AuthyApiKeyHandler, AuthyResult, AuthyOutboundErrors>(
            AuthyOptions.Section, AuthyOptions.PipelineName, AuthyRepeatSafety.ShouldRetry);

        services.TryAddTransient<AuthyTokenVerifier>();
        services.TryAddTransient<AuthyCodeSender>();
        services.TryAddTransient<AuthyUserRegistry>();
        services.TryAddTransient<AuthyOneTouch>();
        services.TryAddTransient<AuthyApplicationProbe>();
        services.TryAddTransient<IAuthyKeyCheck, AuthyKeyCheck>();
        return services;
    }
}
