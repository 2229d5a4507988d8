using Microsoft.AspNetCore.DataProtection;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>Encrypts TOTP seeds at rest with Data Protection, whose key ring is shared by every instance.</summary>
public sealed class AuthenticatorSeedProtector(IDataProtectionProvider provider)
{
    // Versioned so a future change of seed format can use a new purpose without misreading old rows.
    private const string Purpose = "Lucy.Portal.TwoFactor.AuthenticatorSeed.v1";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string Protect(byte[] seed) => Convert.ToBase64String(protector.Protect(seed));

    public byte[] Unprotect(string protectedSeed) => protector.Unprotect(Convert.FromBase64String(protectedSeed));
}
