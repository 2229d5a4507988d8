using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>Registration of passkeys: Identity's passkey handler bound to the configured relying party, and the portal's services.</summary>
public static class PasskeyServiceExtensions
{
    public static IServiceCollection AddPortalPasskeys(this IServiceCollection services)
    {
        services.AddOptions<PasskeyOptions>()
            .BindConfiguration(PasskeyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.Configure<IdentityOptions>(PortalIdentitySchema.Apply);
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<PasskeyOptions>>((identity, portal) =>
        {
            var relyingParty = portal.Value;
            // Never guessed from a request's Host header: the relying party and origins are configuration.
            identity.ServerDomain = relyingParty.ServerDomain;
            identity.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && relyingParty.AllowsOrigin(context.Origin));
            // A passkey counts as both factors only with the user verified on the device (PIN or biometrics).
            identity.UserVerificationRequirement = "required";
            identity.ResidentKeyRequirement = "required";
            // No attestation: nothing about the device is asked for, and nothing is checked against an outside service.
            identity.AttestationConveyancePreference = "none";
            identity.VerifyAttestationStatement = null;
        });
        services.AddScoped<PasskeyCeremony>();
        services.AddScoped<PasskeyRegistry>();
        services.AddScoped<PasskeyEnrollment>();
        services.AddScoped<PasskeyRemoval>();
        services.AddScoped<PasswordlessSignIn>();
        services.AddScoped<AdministratorPasskeyRule>();
        return services;
    }
}

/// <summary>The Identity schema the portal's tables follow: version 3 adds AspNetUserPasskeys.</summary>
public static class PortalIdentitySchema
{
    public static readonly Version Version = IdentitySchemaVersions.Version3;

    /// <summary>
    /// Version 3 and the key length the tables already have (SQL Server's 450 for string keys): the version alone would
    /// shrink key columns to 128, and SQL Server cannot alter a column its primary key depends on.
    /// </summary>
    public static void Apply(IdentityOptions identity)
    {
        identity.Stores.SchemaVersion = Version;
        identity.Stores.MaxLengthForKeys = 450;
    }

    /// <summary>
    /// Identity reads the schema version from the application's options; contexts built without them (the migrations
    /// tool, tests) use these, so the model never depends on how its context was made.
    /// </summary>
    internal static IServiceProvider FallbackServices { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(Apply)
        .BuildServiceProvider();
}
