using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>A user's passkeys in Identity's store (AspNetUserPasskeys), with the date each last signed in.</summary>
public sealed class PasskeyRegistry(UserManager<PortalUser> users, PortalDbContext db, TimeProvider time)
{
    public const int MaxNameLength = 50;

    private DbSet<PasskeyUse> Uses => db.Set<PasskeyUse>();

    public async Task<bool> HasAnyAsync(PortalUser user) => (await users.GetPasskeysAsync(user)).Count > 0;

    public async Task<IReadOnlyList<PasskeySummary>> ListAsync(PortalUser user, CancellationToken ct = default)
    {
        var passkeys = await users.GetPasskeysAsync(user);
        var uses = await Uses.AsNoTracking().Where(u => u.UserId == user.Id).ToListAsync(ct);
        return passkeys
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeySummary(
                WebEncoders.Base64UrlEncode(p.CredentialId),
                string.IsNullOrWhiteSpace(p.Name) ? "Passkey" : p.Name,
                p.CreatedAt,
                uses.FirstOrDefault(u => u.CredentialId.AsSpan().SequenceEqual(p.CredentialId))?.LastUsedAt))
            .ToList();
    }

    /// <summary>The name as it will be stored, or null with <paramref name="error"/> when it cannot be used.</summary>
    public static string? NormalizeName(string? name, out string? error)
    {
        var trimmed = name?.Trim() ?? "";
        error = trimmed.Length == 0 ? TwoFactorStrings.Passkey_NameRequired
            : trimmed.Length > MaxNameLength ? TwoFactorStrings.Passkey_NameTooLong(MaxNameLength)
            : trimmed.Any(char.IsControl) ? TwoFactorStrings.Passkey_NameControlCharacters
            : null;
        return error is null ? trimmed : null;
    }

    public async Task<bool> AddAsync(PortalUser user, UserPasskeyInfo passkey, string name)
    {
        passkey.Name = name;
        return (await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded;
    }

    /// <summary>
    /// Keeps the new signature counter and backup state of a passkey that just signed in, and when it did. False when the
    /// passkey is no longer the user's (removed in another tab while its answer was checked): it is not added back.
    /// </summary>
    public async Task<bool> RecordUseAsync(PortalUser user, UserPasskeyInfo passkey, CancellationToken ct = default)
    {
        if (await users.GetPasskeyAsync(user, passkey.CredentialId) is null)
        {
            return false;
        }
        await users.AddOrUpdatePasskeyAsync(user, passkey);
        var now = time.GetUtcNow();
        var updated = await Uses.Where(u => u.CredentialId == passkey.CredentialId && u.UserId == user.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastUsedAt, now), ct);
        if (updated == 0)
        {
            Uses.Add(new PasskeyUse { UserId = user.Id, CredentialId = passkey.CredentialId, LastUsedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A parallel sign-in with the same passkey recorded it first; its date is as good.
            }
        }
        return true;
    }

    /// <summary>The user's passkey with this id (base64url), or null when it is not theirs.</summary>
    public async Task<UserPasskeyInfo?> FindAsync(PortalUser user, string? id)
    {
        var credentialId = Decode(id);
        return credentialId is null ? null : await users.GetPasskeyAsync(user, credentialId);
    }

    public async Task<bool> RemoveAsync(PortalUser user, byte[] credentialId, CancellationToken ct = default)
    {
        var removed = (await users.RemovePasskeyAsync(user, credentialId)).Succeeded;
        await Uses.Where(u => u.CredentialId == credentialId).ExecuteDeleteAsync(ct);
        return removed;
    }

    public async Task RemoveAllAsync(PortalUser user, CancellationToken ct = default)
    {
        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            await users.RemovePasskeyAsync(user, passkey.CredentialId);
        }
        await Uses.Where(u => u.UserId == user.Id).ExecuteDeleteAsync(ct);
    }

    private static byte[]? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2048)
        {
            return null;
        }
        try
        {
            return WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
