using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>Registration of the built-in authenticator and hashed recovery codes.</summary>
public static class TwoFactorServiceExtensions
{
    /// <summary>
    /// Adds the built-in authenticator as Identity's authenticator provider and the hashed recovery code store.
    /// Call after AddDefaultTokenProviders so Identity's own authenticator provider is taken out of the map.
    /// </summary>
    public static IdentityBuilder AddBuiltInAuthenticator(this IdentityBuilder identity)
    {
        identity.AddTokenProvider<BuiltInAuthenticatorTokenProvider>(BuiltInAuthenticatorTokenProvider.ProviderName);
        identity.Services.Configure<IdentityOptions>(options =>
        {
            options.Tokens.AuthenticatorTokenProvider = BuiltInAuthenticatorTokenProvider.ProviderName;
            // Identity's provider accepts ±2 steps, reusable codes and a key kept in clear: nothing may reach it by name.
            options.Tokens.ProviderMap.Remove(TokenOptions.DefaultAuthenticatorProvider);
        });

        identity.Services.AddSingleton<AuthenticatorSeedProtector>();
        identity.Services.AddScoped<AuthenticatorEnrollment>();
        identity.Services.AddScoped<AuthyEnrollment>();
        identity.Services.AddScoped<TwilioVerifyEnrollment>();
        identity.Services.AddScoped<AuthenticatorCodeVerifier>();
        identity.Services.AddScoped<RecoveryCodeStore>();
        identity.Services.AddScoped<TwoFactorAccountService>();
        identity.Services.AddSecondFactorMethods();
        identity.AddUserManager<PortalUserManager>();
        return identity;
    }

    /// <summary>The second-factor seam: one <see cref="ISecondFactorMethod"/> per method and their list.</summary>
    public static IServiceCollection AddSecondFactorMethods(this IServiceCollection services)
    {
        services.AddScoped<ISecondFactorMethod, AuthenticatorMethod>();
        services.AddScoped<ISecondFactorMethod, AuthyMethod>();
        services.AddScoped<ISecondFactorMethod, TwilioVerifyMethod>();
        services.AddScoped<ISecondFactorMethod, Passkeys.PasskeyMethod>();
        services.AddScoped<ISecondFactorMethod, RecoveryCodeMethod>();
        services.AddScoped<SecondFactorMethods>();
        services.AddScoped<UserFactors>();
        return services;
    }
}
