using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Lucy.Portal.Core.Data;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.KeyProtection;

/// <summary>
/// At start-up, encrypts with the current certificate every stored key that is not yet: keys written in clear by
/// an older install, and keys encrypted with a previous certificate (rotation). Each key keeps its id and material,
/// so cookies and stored secrets stay readable; only its form at rest changes.
/// </summary>
public sealed class KeyRingEncryption(
    PortalDbContext db,
    KeyRingCertificates certificates,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    ILogger<KeyRingEncryption> logger)
{
    // The names Data Protection itself writes and reads (XmlConstants in Microsoft.AspNetCore.DataProtection).
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName DecryptorType = "decryptorType";
    private static readonly XName X509Certificate = XNamespace.Get("http://www.w3.org/2000/09/xmldsig#") + "X509Certificate";

    public async Task EncryptStoredKeysAsync(CancellationToken ct = default)
    {
        logger.LogInformation("Data Protection keys are encrypted at rest with the {Source} (thumbprint {Thumbprint}).",
            certificates.CurrentSource, certificates.Current.Thumbprint);

        // Read without tracking: on most starts every key is in its final form and nothing is written (issue 15).
        var rewritten = 0;
        foreach (var row in await db.DataProtectionKeys.AsNoTracking().ToListAsync(ct))
        {
            var xml = row.Xml is null ? null : XElement.Parse(row.Xml);
            if (xml is null || !NeedsEncryption(xml))
            {
                continue;
            }
            var encrypted = TryEncrypt(xml, row.FriendlyName,
                new CertificateXmlEncryptor(certificates.Current, loggerFactory), new EncryptedXmlDecryptor(services));
            if (encrypted is not null)
            {
                db.DataProtectionKeys.Attach(row);
                // The same form the EF Core key repository stores.
                row.Xml = encrypted.ToString(SaveOptions.DisableFormatting);
                rewritten++;
            }
        }
        if (rewritten > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Encrypted {Count} stored Data Protection keys with the current certificate.", rewritten);
        }
    }

    /// <summary>True when a key holds a secret in clear or one encrypted with another certificate.</summary>
    private bool NeedsEncryption(XElement key) =>
        key.Descendants().Any(IsMarkedForEncryption)
        || key.Descendants(EncryptedSecret).Any(secret => IsCertificateEncrypted(secret) && !IsForCurrentCertificate(secret));

    private XElement? TryEncrypt(XElement key, string? name, CertificateXmlEncryptor encryptor, EncryptedXmlDecryptor decryptor)
    {
        var copy = new XElement(key);
        var secrets = new List<XElement>();
        foreach (var secret in copy.Descendants(EncryptedSecret).Where(s => !IsForCurrentCertificate(s)).ToList())
        {
            if (!IsCertificateEncrypted(secret))
            {
                continue; // DPAPI or another protector: not ours to change.
            }
            try
            {
                var plaintext = decryptor.Decrypt(secret.Elements().Single());
                secret.ReplaceWith(plaintext);
                secrets.Add(plaintext);
            }
            catch (CryptographicException)
            {
                logger.LogWarning("Data Protection key {Key} is encrypted with certificate {Thumbprint}, which is not configured; " +
                    "list it under DataProtection:PreviousCertificates to re-encrypt the key.", name, CertificateThumbprint(secret));
                return null;
            }
        }
        secrets.AddRange(copy.Descendants().Where(e => IsMarkedForEncryption(e) && !e.Ancestors().Any(IsMarkedForEncryption)));

        foreach (var secret in secrets.Distinct())
        {
            var info = encryptor.Encrypt(secret);
            var replacement = new XElement(EncryptedSecret,
                new XAttribute(DecryptorType, info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement);
            // Rewriting key material in place: prove the new form decrypts to the same secret before storing it.
            if (!XNode.DeepEquals(Normalized(decryptor.Decrypt(info.EncryptedElement)), Normalized(secret)))
            {
                throw new InvalidOperationException($"Re-encrypting Data Protection key {name} did not round-trip; the key was left unchanged.");
            }
            secret.ReplaceWith(replacement);
        }
        return copy;
    }

    // Namespace declarations and comments may move in the XML encryption round trip; names, attributes and text may not.
    private static XElement Normalized(XElement element) =>
        new(element.Name,
            element.Attributes().Where(a => !a.IsNamespaceDeclaration).OrderBy(a => a.Name.ToString(), StringComparer.Ordinal),
            element.Nodes().Select(node => node switch
            {
                XElement child => (XNode?)Normalized(child),
                XText text => new XText(text.Value),
                _ => null,
            }));

    private static bool IsMarkedForEncryption(XElement element) =>
        string.Equals((string?)element.Attribute(RequiresEncryption), "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsCertificateEncrypted(XElement secret) =>
        ((string?)secret.Attribute(DecryptorType))?.StartsWith(typeof(EncryptedXmlDecryptor).FullName + ",", StringComparison.Ordinal) == true;

    private bool IsForCurrentCertificate(XElement secret) =>
        string.Equals(CertificateThumbprint(secret), certificates.Current.Thumbprint, StringComparison.OrdinalIgnoreCase);

    private static string? CertificateThumbprint(XElement secret)
    {
        var embedded = secret.Descendants(X509Certificate).FirstOrDefault()?.Value;
        if (embedded is null)
        {
            return null;
        }
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(embedded));
        return certificate.Thumbprint;
    }
}
