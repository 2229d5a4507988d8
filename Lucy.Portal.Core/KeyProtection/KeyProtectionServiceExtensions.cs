using Lucy.Portal.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lucy.Portal.Core.KeyProtection;

/// <summary>Registration of Data Protection: keys in the database, encrypted with a certificate kept outside it.</summary>
public static class KeyProtectionServiceExtensions
{
    public static IHostApplicationBuilder AddPortalDataProtection(this IHostApplicationBuilder builder, string dataFolder)
    {
        // ProtectKeysWithCertificate needs the certificate itself, so it is loaded (or generated) while services
        // are registered; a wrong setting stops the start with a message naming it.
        var options = builder.Configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>()
            ?? new KeyProtectionOptions();
        var certificates = KeyRingCertificateLoader.Load(
            options, Path.Combine(dataFolder, "keys"), builder.Environment.ContentRootPath);

        builder.Services.AddSingleton(certificates);
        builder.Services.AddScoped<KeyRingEncryption>();
        builder.Services.AddDataProtection()
            .SetApplicationName("Lucy.Portal")
            .PersistKeysToDbContext<PortalDbContext>()
            .ProtectKeysWithCertificate(certificates.Current)
            .UnprotectKeysWithAnyCertificate([.. certificates.Previous]);
        return builder;
    }
}
