using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Lucy.Portal.Core.KeyProtection;

/// <summary>
/// The self-signed certificate the portal creates at first start when none is configured: kept in the data folder,
/// outside the database, readable by the portal's account only.
/// </summary>
public static class GeneratedKeyRingCertificate
{
    public const string FileName = "dataprotection.pfx";

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Loads the certificate in <paramref name="folder"/>, creating it (and the folder) the first time.</summary>
    public static X509Certificate2 LoadOrCreate(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            CreateFolder(folder);
            TryCreate(path);
        }
        RestrictToOwner(path);
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The Data Protection certificate {path} cannot be read ({e.Message}). Restore it from the backup " +
                "taken with the database; without it the stored secrets cannot be decrypted.", e);
        }
    }

    /// <summary>A new RSA certificate; its validity is long because an expired key-encryption certificate still decrypts, and renewal means rotation.</summary>
    public static X509Certificate2 Create(DateTimeOffset now)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest(
            "CN=Lucy.Portal Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: true));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(50));
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
    }

    private static void TryCreate(string path)
    {
        using var certificate = Create(DateTimeOffset.UtcNow);
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        // Written beside the target and moved into place, so a second instance starting at the same moment
        // never reads half a file; the first complete file wins and the other instance loads it.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }
        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(pfx);
                file.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
            File.Delete(temporary);
        }
    }

    // A file copied in with a permissive umask is tightened rather than left readable by others.
    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOthers) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }
}
