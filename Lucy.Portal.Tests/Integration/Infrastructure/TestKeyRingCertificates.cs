using System.Security.Cryptography.X509Certificates;
using Lucy.Portal.Core.KeyProtection;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>
/// Certificates for the portal's key ring, created once per test run: an RSA key per test host would cost a second
/// each. Every portal a test starts shares <see cref="Default"/>, as several instances of one deployment would.
/// </summary>
public static class TestKeyRingCertificates
{
    public const string Password = "test-certificate-password";

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"lucy-portal-test-keys-{Guid.NewGuid():N}");
    private static readonly Lazy<TestCertificateFile> LazyDefault = new(() => Create("default"));
    private static readonly Lazy<TestCertificateFile> LazyOther = new(() => Create("other"));

    static TestKeyRingCertificates() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        };

    /// <summary>The certificate every test portal uses unless a test configures another.</summary>
    public static TestCertificateFile Default => LazyDefault.Value;

    /// <summary>Configuration naming <see cref="Default"/>, for hosts built on AddLucyCore without the portal factory.</summary>
    public static IReadOnlyDictionary<string, string?> DefaultSettings => new Dictionary<string, string?>
    {
        ["DataProtection:CertificatePath"] = Default.Path,
        ["DataProtection:CertificatePassword"] = Password,
    };

    /// <summary>A second certificate, for tests of configuration and rotation.</summary>
    public static TestCertificateFile Other => LazyOther.Value;

    private static TestCertificateFile Create(string name)
    {
        Directory.CreateDirectory(Folder);
        using var certificate = GeneratedKeyRingCertificate.Create(DateTimeOffset.UtcNow);
        var path = Path.Combine(Folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return new TestCertificateFile(path, certificate.Thumbprint);
    }
}

public sealed record TestCertificateFile(string Path, string Thumbprint)
{
    public X509Certificate2 Load() => X509CertificateLoader.LoadPkcs12FromFile(Path, TestKeyRingCertificates.Password);
}
