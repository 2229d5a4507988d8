using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.KeyProtection;

/// <summary>Replacing the key-encryption certificate: the README's rotation steps, start by start.</summary>
public sealed class KeyRingRotationTests : IDisposable
{
    private readonly string _database = DatabaseFile.NewPath();

    private string GeneratedKeysFolder => _database + ".keys";

    public void Dispose()
    {
        DatabaseFile.Delete(_database);
        if (Directory.Exists(GeneratedKeysFolder))
        {
            Directory.Delete(GeneratedKeysFolder, recursive: true);
        }
    }

    private static TestCertificateFile Old => TestKeyRingCertificates.Default;

    private static TestCertificateFile New => TestKeyRingCertificates.Other;

    private KeyRingPortal PortalWith(TestCertificateFile current, TestCertificateFile? previous = null)
    {
        var portal = new KeyRingPortal(_database);
        portal.Settings["DataProtection:CertificatePath"] = current.Path;
        if (previous is not null)
        {
            portal.Settings["DataProtection:PreviousCertificates:0:Path"] = previous.Path;
            portal.Settings["DataProtection:PreviousCertificates:0:Password"] = TestKeyRingCertificates.Password;
        }
        return portal;
    }

    private async Task<byte[]> StoreUnderTheOldCertificateAsync()
    {
        await using var portal = PortalWith(Old);
        var seed = await portal.StoreSecretsAsync();
        Assert.Equal([Old.Thumbprint], DatabaseFile.EncryptingThumbprints(_database));
        return seed;
    }

    [Fact]
    public async Task After_rotation_the_previous_certificate_decrypts_the_keys_it_encrypted()
    {
        var enrolledSeed = await StoreUnderTheOldCertificateAsync();

        await using var rotated = PortalWith(New, previous: Old);
        var (authyKey, seed) = await rotated.ReadSecretsAsync();

        Assert.Equal(KeyRingPortal.AuthyKey, authyKey);
        Assert.Equal(enrolledSeed, seed);
    }

    [Fact]
    public async Task One_start_with_the_previous_certificate_listed_re_encrypts_every_key_so_it_can_then_be_dropped()
    {
        var enrolledSeed = await StoreUnderTheOldCertificateAsync();
        await using (var rotated = PortalWith(New, previous: Old))
        {
            await rotated.ReadSecretsAsync();
        }

        Assert.Equal([New.Thumbprint], DatabaseFile.EncryptingThumbprints(_database));
        await using (var newOnly = PortalWith(New))
        {
            var (authyKey, seed) = await newOnly.ReadSecretsAsync();
            Assert.Equal(KeyRingPortal.AuthyKey, authyKey);
            Assert.Equal(enrolledSeed, seed);
        }
        using var oldCertificate = Old.Load();
        await using var dumpAndOldCertificate = DatabaseFile.Reader(_database, oldCertificate);
        Assert.Equal((null, null), await DatabaseFile.DecryptSecretsAsync(dumpAndOldCertificate));
    }

    [Fact]
    public async Task A_rotation_that_forgets_the_previous_certificate_reads_nothing_and_changes_no_stored_key()
    {
        var enrolledSeed = await StoreUnderTheOldCertificateAsync();
        var keysBefore = DatabaseFile.StoredKeys(_database).Select(k => k.ToString()).ToList();

        await using (var forgetful = PortalWith(New))
        {
            var (authyKey, seed) = await forgetful.ReadSecretsAsync();
            Assert.Null(authyKey);
            Assert.Null(seed);
        }

        Assert.Equal(keysBefore, DatabaseFile.StoredKeys(_database).Take(keysBefore.Count).Select(k => k.ToString()));
        await using var corrected = PortalWith(New, previous: Old);
        Assert.Equal(enrolledSeed, (await corrected.ReadSecretsAsync()).Seed);
    }

    [Fact]
    public async Task The_generated_certificate_rotates_as_the_readme_says_by_renaming_it_and_listing_it_as_previous()
    {
        byte[] enrolledSeed;
        await using (var generated = PortalWithGeneratedCertificate())
        {
            enrolledSeed = await generated.StoreSecretsAsync();
        }
        var oldThumbprint = Assert.Single(DatabaseFile.EncryptingThumbprints(_database));
        var previous = Path.Combine(GeneratedKeysFolder, "dataprotection-previous.pfx");
        File.Move(Path.Combine(GeneratedKeysFolder, "dataprotection.pfx"), previous);

        await using (var rotated = PortalWithGeneratedCertificate())
        {
            rotated.Settings["DataProtection:PreviousCertificates:0:Path"] = previous;
            Assert.Equal(enrolledSeed, (await rotated.ReadSecretsAsync()).Seed);
        }

        var newThumbprint = Assert.Single(DatabaseFile.EncryptingThumbprints(_database));
        Assert.NotEqual(oldThumbprint, newThumbprint);
        File.Delete(previous);
        await using var afterwards = PortalWithGeneratedCertificate();
        Assert.Equal(KeyRingPortal.AuthyKey, (await afterwards.ReadSecretsAsync()).AuthyKey);
    }

    private KeyRingPortal PortalWithGeneratedCertificate()
    {
        var portal = new KeyRingPortal(_database);
        portal.Settings["DataProtection:CertificatePath"] = "";
        portal.Settings["DataProtection:CertificatePassword"] = "";
        portal.Settings["DataProtection:KeysFolder"] = GeneratedKeysFolder;
        return portal;
    }
}
