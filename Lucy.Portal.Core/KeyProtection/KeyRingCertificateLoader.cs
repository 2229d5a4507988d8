using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.KeyProtection;

/// <summary>Turns <see cref="KeyProtectionOptions"/> into certificates, with a message naming the setting when one is wrong.</summary>
public static class KeyRingCertificateLoader
{
    /// <summary>Loads the configured certificates; relative paths are under <paramref name="contentRoot"/>, as the SQLite path is.</summary>
    public static KeyRingCertificates Load(KeyProtectionOptions options, string defaultKeysFolder, string contentRoot)
    {
        Validate(options);
        var previous = options.PreviousCertificates
            .Select((reference, i) => Load(reference, $"DataProtection:PreviousCertificates:{i}", contentRoot))
            .ToList();
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            var reference = new CertificateReference { Path = options.CertificatePath, Password = options.CertificatePassword };
            return new(Load(reference, "DataProtection:CertificatePath", contentRoot), reference.ToString(), previous);
        }
        if (!string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            var reference = new CertificateReference { Thumbprint = options.CertificateThumbprint };
            return new(Load(reference, "DataProtection:CertificateThumbprint", contentRoot), reference.ToString(), previous);
        }
        var folder = string.IsNullOrWhiteSpace(options.KeysFolder) ? defaultKeysFolder : Path.GetFullPath(options.KeysFolder, contentRoot);
        return new(GeneratedKeyRingCertificate.LoadOrCreate(folder),
            "generated certificate file " + Path.Combine(folder, GeneratedKeyRingCertificate.FileName), previous);
    }

    private static void Validate(KeyProtectionOptions options)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new OptionsValidationException(
                KeyProtectionOptions.Section, typeof(KeyProtectionOptions), errors.Select(e => e.ErrorMessage ?? e.ToString()));
        }
    }

    private static X509Certificate2 Load(CertificateReference reference, string setting, string contentRoot)
    {
        var certificate = reference.IsPath ? LoadFile(reference, setting, contentRoot) : FindInStores(reference.Thumbprint!, setting);
        if (!certificate.HasPrivateKey || certificate.GetRSAPublicKey() is null)
        {
            throw new InvalidOperationException(
                $"{setting}: {reference} needs an RSA key with its private key, to decrypt the keys it encrypts.");
        }
        return certificate;
    }

    private static X509Certificate2 LoadFile(CertificateReference reference, string setting, string contentRoot)
    {
        var path = Path.GetFullPath(reference.Path!, contentRoot);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting} names {path}, which does not exist.");
        }
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, reference.Password);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"{setting}: {path} cannot be opened as a PKCS#12 (.pfx) file with the configured password ({e.Message}).", e);
        }
    }

    private static X509Certificate2 FindInStores(string thumbprint, string setting)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            try
            {
                using var store = new X509Store(StoreName.My, location);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Trim(), validOnly: false);
                if (found.Count > 0)
                {
                    return found[0];
                }
            }
            catch (CryptographicException)
            {
                // A store that does not exist here (LocalMachine\My on Linux) simply holds no certificate.
            }
        }
        throw new InvalidOperationException(
            $"{setting}: no certificate with thumbprint {thumbprint} in the current user's or the machine's personal store.");
    }
}
