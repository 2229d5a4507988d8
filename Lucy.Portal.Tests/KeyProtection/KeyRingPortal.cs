using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lucy.Portal.Tests.KeyProtection;

/// <summary>The real portal on a database file the test keeps, so it can be restarted or read without the portal.</summary>
public class KeyRingPortal(string databasePath) : TwoFactorPortal
{
    public const string AuthyKey = "KeyRingAtRestAuthyKey0123456789ab";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:SqlitePath", databasePath);
    }

    /// <summary>Stores an Authy key and enrolls the plain user's authenticator; returns the TOTP seed.</summary>
    public async Task<byte[]> StoreSecretsAsync()
    {
        await SeedAccountsAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>();
            var saved = await settings.SaveAsync(AuthyKeyChange.Store(AuthyKey, isSharedEvaluationKey: false), new SettingsActor("test", AdminEmail));
            Assert.True(saved.Succeeded);
        }
        return (await EnrollAuthenticatorAsync(UserEmail)).Seed;
    }

    /// <summary>The Authy key and the user's TOTP seed as the running portal reads them (null when it cannot).</summary>
    public async Task<(string? AuthyKey, byte[]? Seed)> ReadSecretsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var authyKey = await scope.ServiceProvider.GetRequiredService<IAuthyApiKeySource>().GetApiKeyAsync();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(UserEmail);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var stored = await db.Set<AuthenticatorKey>().AsNoTracking().SingleAsync(k => k.UserId == user!.Id);
        try
        {
            return (authyKey, scope.ServiceProvider.GetRequiredService<AuthenticatorSeedProtector>().Unprotect(stored.ProtectedSeed!));
        }
        catch (CryptographicException)
        {
            return (authyKey, null);
        }
    }
}

/// <summary>What someone holding only the database file (a dump, a stolen backup) can read.</summary>
public static class DatabaseFile
{
    /// <summary>A test database path; <see cref="Delete"/> removes it with SQLite's side files.</summary>
    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"lucy-keyring-tests-{Guid.NewGuid():N}.db");

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    public static IReadOnlyList<XElement> StoredKeys(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys";
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }
        return keys;
    }

    /// <summary>Thumbprints of the certificates the stored keys are encrypted with (from the XML encryption's KeyInfo).</summary>
    public static IReadOnlySet<string> EncryptingThumbprints(string path) =>
        StoredKeys(path)
            .SelectMany(key => key.Descendants(XNamespace.Get("http://www.w3.org/2000/09/xmldsig#") + "X509Certificate"))
            .Select(element =>
            {
                using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(element.Value));
                return certificate.Thumbprint;
            })
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A Data Protection provider built by an attacker over the file: same application name, same key table,
    /// and the given certificates (none: the database alone).
    /// </summary>
    public static ServiceProvider Reader(string path, params X509Certificate2[] certificates)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<PortalDbContext, SqlitePortalDbContext>(db => db.UseSqlite($"Data Source={path};Pooling=False"));
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("Lucy.Portal")
            .PersistKeysToDbContext<PortalDbContext>()
            .DisableAutomaticKeyGeneration();
        if (certificates.Length > 0)
        {
            dataProtection.UnprotectKeysWithAnyCertificate(certificates);
        }
        services.AddSingleton<AuthenticatorSeedProtector>();
        services.AddSingleton(sp => new SettingsSecretProtector(
            sp.GetRequiredService<IDataProtectionProvider>(), NullLogger<SettingsSecretProtector>.Instance));
        return services.BuildServiceProvider();
    }

    /// <summary>Decrypts the stored Authy key and the user's seed with <paramref name="reader"/>; null for what it cannot.</summary>
    public static async Task<(string? AuthyKey, byte[]? Seed)> DecryptSecretsAsync(ServiceProvider reader)
    {
        await using var scope = reader.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.Set<AdvancedSettingsRow>().AsNoTracking().SingleAsync();
        var seedRow = await db.Set<AuthenticatorKey>().AsNoTracking().SingleAsync(k => k.ProtectedSeed != null);
        Assert.NotNull(row.ProtectedAuthyApiKey); // the secrets are in the file...
        string? authyKey;
        try
        {
            authyKey = reader.GetRequiredService<SettingsSecretProtector>().UnprotectAuthyApiKey(row.ProtectedAuthyApiKey);
        }
        catch (CryptographicException)
        {
            authyKey = null;
        }
        try
        {
            return (authyKey, reader.GetRequiredService<AuthenticatorSeedProtector>().Unprotect(seedRow.ProtectedSeed!));
        }
        catch (CryptographicException)
        {
            return (authyKey, null);
        }
    }
}
