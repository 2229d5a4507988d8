using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using Lucy.Portal.Core.KeyProtection;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Tests.KeyProtection;

/// <summary>Where the key-encryption certificate comes from: generated once into the data folder, or configured.</summary>
public sealed class KeyRingCertificateTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"lucy-keyring-folder-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            DatabaseFile.Delete(Path.Combine(_folder, "portal.db"));
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string KeysFolder => Path.Combine(_folder, "keys");

    private string GeneratedFile => Path.Combine(KeysFolder, GeneratedKeyRingCertificate.FileName);

    [Fact]
    [UnsupportedOSPlatform("windows")] // owner-only permissions are Unix modes
    public void The_generated_certificate_and_its_folder_are_readable_by_their_owner_only()
    {
        using var certificate = GeneratedKeyRingCertificate.LoadOrCreate(KeysFolder);

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(GeneratedFile));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(KeysFolder));
    }

    [Fact]
    public void The_generated_certificate_is_reused_at_the_next_start()
    {
        using var first = GeneratedKeyRingCertificate.LoadOrCreate(KeysFolder);
        using var second = GeneratedKeyRingCertificate.LoadOrCreate(KeysFolder);

        Assert.Equal(first.Thumbprint, second.Thumbprint);
        Assert.Single(Directory.GetFiles(KeysFolder));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // owner-only permissions are Unix modes
    public void A_generated_certificate_file_left_readable_by_others_is_restricted_to_its_owner()
    {
        GeneratedKeyRingCertificate.LoadOrCreate(KeysFolder).Dispose();
        File.SetUnixFileMode(GeneratedFile, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        GeneratedKeyRingCertificate.LoadOrCreate(KeysFolder).Dispose();

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(GeneratedFile));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // owner-only permissions are Unix modes
    public async Task Without_configuration_the_portal_generates_its_certificate_next_to_the_database()
    {
        var database = Path.Combine(_folder, "portal.db");
        await using (var portal = new KeyRingPortal(database))
        {
            portal.Settings["DataProtection:CertificatePath"] = "";
            portal.Settings["DataProtection:CertificatePassword"] = "";
            await portal.StoreSecretsAsync();
        }

        using var generated = X509CertificateLoader.LoadPkcs12FromFile(GeneratedFile, password: null);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(GeneratedFile));
        Assert.Equal([generated.Thumbprint], DatabaseFile.EncryptingThumbprints(database));
    }

    [Fact]
    public async Task A_configured_certificate_is_used_instead_of_generating_one()
    {
        var database = Path.Combine(_folder, "portal.db");
        await using (var portal = new KeyRingPortal(database))
        {
            portal.Settings["DataProtection:CertificatePath"] = TestKeyRingCertificates.Other.Path;
            portal.Settings["DataProtection:KeysFolder"] = KeysFolder;
            await portal.StoreSecretsAsync();
        }

        Assert.False(Directory.Exists(KeysFolder));
        Assert.Equal([TestKeyRingCertificates.Other.Thumbprint], DatabaseFile.EncryptingThumbprints(database));
    }

    [Fact]
    public void A_certificate_named_by_thumbprint_is_taken_from_the_current_users_store()
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(
            TestKeyRingCertificates.Other.Path, TestKeyRingCertificates.Password, X509KeyStorageFlags.Exportable);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(certificate);
        try
        {
            var loaded = KeyRingCertificateLoader.Load(
                new KeyProtectionOptions { CertificateThumbprint = certificate.Thumbprint }, KeysFolder, _folder);

            Assert.Equal(certificate.Thumbprint, loaded.Current.Thumbprint);
            Assert.True(loaded.Current.HasPrivateKey);
            Assert.False(Directory.Exists(KeysFolder));
        }
        finally
        {
            store.Remove(certificate);
        }
    }

    [Fact]
    public void A_relative_certificate_path_is_read_under_the_content_root_like_the_database_path()
    {
        var certificate = TestKeyRingCertificates.Other;
        var options = new KeyProtectionOptions
        {
            CertificatePath = Path.GetFileName(certificate.Path),
            CertificatePassword = TestKeyRingCertificates.Password,
        };

        var loaded = KeyRingCertificateLoader.Load(options, KeysFolder, contentRoot: Path.GetDirectoryName(certificate.Path)!);

        Assert.Equal(certificate.Thumbprint, loaded.Current.Thumbprint);
    }

    [Fact]
    public void A_wrong_certificate_password_stops_the_start_with_a_message_naming_the_setting()
    {
        var options = new KeyProtectionOptions { CertificatePath = TestKeyRingCertificates.Other.Path, CertificatePassword = "wrong" };

        var error = Assert.Throws<InvalidOperationException>(() => KeyRingCertificateLoader.Load(options, KeysFolder, _folder));

        Assert.Contains("DataProtection:CertificatePath", error.Message);
        Assert.DoesNotContain("wrong", error.Message);
    }

    [Fact]
    public void A_missing_certificate_file_stops_the_start_instead_of_generating_another()
    {
        var options = new KeyProtectionOptions { CertificatePath = Path.Combine(_folder, "absent.pfx") };

        var error = Assert.Throws<InvalidOperationException>(() => KeyRingCertificateLoader.Load(options, KeysFolder, _folder));

        Assert.Contains("absent.pfx, which does not exist", error.Message);
        Assert.False(Directory.Exists(KeysFolder));
    }

    [Theory]
    [InlineData("a.pfx", null, "ABCDEF", "not both")]
    [InlineData(null, "secret", null, "CertificatePassword is set but DataProtection:CertificatePath is not")]
    public void Contradictory_settings_are_refused_at_start(string? path, string? password, string? thumbprint, string message)
    {
        var options = new KeyProtectionOptions { CertificatePath = path, CertificatePassword = password, CertificateThumbprint = thumbprint };

        var error = Assert.Throws<OptionsValidationException>(() => KeyRingCertificateLoader.Load(options, KeysFolder, _folder));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_previous_certificate_needs_a_path_or_a_thumbprint()
    {
        var options = new KeyProtectionOptions { PreviousCertificates = [new CertificateReference { Password = "p" }] };

        var error = Assert.Throws<OptionsValidationException>(() => KeyRingCertificateLoader.Load(options, KeysFolder, _folder));

        Assert.Contains("DataProtection:PreviousCertificates:0 needs exactly one of Path or Thumbprint", error.Message);
    }
}
