using System.Xml.Linq;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.KeyProtection;

/// <summary>Issue 11 item 6: the key ring in the database is useless without the certificate kept outside it.</summary>
public sealed class KeyRingAtRestTests : IDisposable
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XNamespace XmlEnc = "http://www.w3.org/2001/04/xmlenc#";

    private readonly string _database = DatabaseFile.NewPath();

    public void Dispose() => DatabaseFile.Delete(_database);

    [Fact]
    public async Task A_copy_of_the_database_alone_decrypts_no_stored_secret()
    {
        await using (var portal = new KeyRingPortal(_database))
        {
            await portal.StoreSecretsAsync();
        }

        await using var dumpOnly = DatabaseFile.Reader(_database);
        var (authyKey, seed) = await DatabaseFile.DecryptSecretsAsync(dumpOnly);

        Assert.Null(authyKey);
        Assert.Null(seed);
    }

    [Fact]
    public async Task The_same_copy_with_the_certificate_decrypts_them_so_the_certificate_is_what_protects_them()
    {
        byte[] enrolledSeed;
        await using (var portal = new KeyRingPortal(_database))
        {
            enrolledSeed = await portal.StoreSecretsAsync();
        }

        using var certificate = TestKeyRingCertificates.Default.Load();
        await using var dumpAndCertificate = DatabaseFile.Reader(_database, certificate);
        var (authyKey, seed) = await DatabaseFile.DecryptSecretsAsync(dumpAndCertificate);

        Assert.Equal(KeyRingPortal.AuthyKey, authyKey);
        Assert.Equal(enrolledSeed, seed);
    }

    [Fact]
    public async Task Every_stored_key_holds_its_master_key_encrypted_not_in_clear()
    {
        await using (var portal = new KeyRingPortal(_database))
        {
            await portal.StoreSecretsAsync();
        }

        var keys = DatabaseFile.StoredKeys(_database);

        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Empty(key.Descendants("masterKey"));
            Assert.Single(key.Descendants(DataProtection + "encryptedSecret"));
            Assert.Single(key.Descendants(XmlEnc + "EncryptedKey"));
        });
    }

    [Fact]
    public async Task With_the_certificate_the_portal_reads_its_secrets_after_a_restart()
    {
        byte[] enrolledSeed;
        await using (var portal = new KeyRingPortal(_database))
        {
            enrolledSeed = await portal.StoreSecretsAsync();
        }

        await using var restarted = new KeyRingPortal(_database);
        var (authyKey, seed) = await restarted.ReadSecretsAsync();

        Assert.Equal(KeyRingPortal.AuthyKey, authyKey);
        Assert.Equal(enrolledSeed, seed);
    }

    [Fact]
    public async Task Keys_an_older_install_stored_in_clear_are_encrypted_at_the_next_start_and_still_read()
    {
        byte[] enrolledSeed;
        await using (var olderInstall = new UnencryptedKeyRingPortal(_database))
        {
            enrolledSeed = await olderInstall.StoreSecretsAsync();
        }
        Assert.Contains(DatabaseFile.StoredKeys(_database), key => key.Descendants("masterKey").Any());

        await using (var upgraded = new KeyRingPortal(_database))
        {
            var (authyKey, seed) = await upgraded.ReadSecretsAsync();
            Assert.Equal(KeyRingPortal.AuthyKey, authyKey);
            Assert.Equal(enrolledSeed, seed);
        }

        Assert.All(DatabaseFile.StoredKeys(_database), key => Assert.Empty(key.Descendants("masterKey")));
        await using var dumpOnly = DatabaseFile.Reader(_database);
        Assert.Equal((null, null), await DatabaseFile.DecryptSecretsAsync(dumpOnly));
    }

    /// <summary>The portal as it was before keys were encrypted at rest: no key encryptor.</summary>
    private sealed class UnencryptedKeyRingPortal(string databasePath) : KeyRingPortal(databasePath)
    {
        protected override void ConfigureTestServices(IServiceCollection services)
        {
            base.ConfigureTestServices(services);
            services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = null);
        }
    }
}
