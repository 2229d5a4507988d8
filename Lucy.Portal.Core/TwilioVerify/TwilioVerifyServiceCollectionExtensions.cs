using Lucy.Portal.Core.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>Registration of the Twilio Verify client (the shared outbound registration with Basic auth) and the services over it.</summary>
public static class TwilioVerifyServiceCollectionExtensions
{
    public static IServiceCollection AddTwilioVerifyClient(this IServiceCollection services)
    {
        services.TryAddSingleton<ITwilioVerifyCredentialSource, UnconfiguredTwilioVerifyCredentialSource>();
        services.AddOutboundClient<ITwilioVerifyApi, TwilioVerifyOptions, TwilioVerifyAuthHandler, TwilioVerifyResult, TwilioVerifyOutboundErrors>(
            TwilioVerifyOptions.Section, TwilioVerifyOptions.PipelineName, TwilioVerifyRepeatSafety.ShouldRetry);

        services.TryAddTransient<TwilioVerifyServiceProbe>();
        services.TryAddTransient<TwilioVerifyCodes>();
        services.TryAddTransient<ITwilioVerifyCredentialCheck, TwilioVerifyCredentialCheck>();
        return services;
    }
}
