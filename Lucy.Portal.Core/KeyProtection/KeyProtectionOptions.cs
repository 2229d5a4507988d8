using System.ComponentModel.DataAnnotations;

namespace Lucy.Portal.Core.KeyProtection;

/// <summary>Which certificate encrypts the Data Protection key ring at rest (section "DataProtection").</summary>
public sealed class KeyProtectionOptions : IValidatableObject
{
    public const string Section = "DataProtection";

    /// <summary>Folder of the certificate generated at first start; default "keys" next to the SQLite file.</summary>
    public string? KeysFolder { get; set; }

    /// <summary>A PKCS#12 (.pfx) file with a private key; used instead of the generated certificate.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>A certificate in the current user's (or the machine's) personal store, instead of a file.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Earlier certificates, kept only to decrypt keys they encrypted until those are re-encrypted.</summary>
    public List<CertificateReference> PreviousCertificates { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var current = new CertificateReference
        {
            Path = CertificatePath,
            Password = CertificatePassword,
            Thumbprint = CertificateThumbprint,
        };
        if (current.IsPath && current.IsThumbprint)
        {
            yield return new ValidationResult(
                "Set either DataProtection:CertificatePath or DataProtection:CertificateThumbprint, not both.");
        }
        if (!current.IsPath && !string.IsNullOrEmpty(CertificatePassword))
        {
            yield return new ValidationResult(
                "DataProtection:CertificatePassword is set but DataProtection:CertificatePath is not.");
        }
        for (var i = 0; i < PreviousCertificates.Count; i++)
        {
            if (PreviousCertificates[i].IsPath == PreviousCertificates[i].IsThumbprint)
            {
                yield return new ValidationResult(
                    $"DataProtection:PreviousCertificates:{i} needs exactly one of Path or Thumbprint.");
            }
        }
    }
}

/// <summary>A certificate named by its file (with password) or by its thumbprint in a certificate store.</summary>
public sealed class CertificateReference
{
    public string? Path { get; set; }

    public string? Password { get; set; }

    public string? Thumbprint { get; set; }

    internal bool IsPath => !string.IsNullOrWhiteSpace(Path);

    internal bool IsThumbprint => !string.IsNullOrWhiteSpace(Thumbprint);

    // Never print the password, whatever logs or debuggers do with this object.
    public override string ToString() => IsPath ? $"certificate file {Path}" : $"certificate {Thumbprint}";
}
