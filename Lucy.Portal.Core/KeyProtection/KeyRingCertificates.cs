using System.Security.Cryptography.X509Certificates;

namespace Lucy.Portal.Core.KeyProtection;

/// <summary>The certificate that encrypts new and re-encrypted keys, and earlier ones that only decrypt.</summary>
public sealed record KeyRingCertificates(X509Certificate2 Current, string CurrentSource, IReadOnlyList<X509Certificate2> Previous);
