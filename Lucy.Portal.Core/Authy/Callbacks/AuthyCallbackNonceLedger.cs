using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Authy.Callbacks;

/// <summary>
/// Remembers accepted callback nonces in the database so a captured callback cannot be replayed while it is still
/// fresh, on this instance or any other sharing the database. Recording is one insert against a unique key: of two
/// instances receiving the same callback at once, exactly one succeeds.
/// </summary>
public sealed class AuthyCallbackNonceLedger(PortalDbContext db, Housekeeping housekeeping)
{
    public const int MaxNonceLength = AuthyCallbackNonceConfiguration.MaxNonceLength;

    /// <summary>True the first time a nonce+signature is seen; false for a replay.</summary>
    public async Task<bool> TryRecordAsync(string nonce, string signature, DateTimeOffset now, DateTimeOffset freshUntil, CancellationToken ct = default)
    {
        var nonces = db.Set<AuthyCallbackNonce>();
        // Rows whose nonce can no longer pass the freshness check go as new ones arrive, once a minute at most; until then
        // they only refuse a replay a second time.
        if (housekeeping.TakeTurn(nameof(AuthyCallbackNonceLedger), Housekeeping.Interval))
        {
            await nonces.Where(n => n.ExpiresAt < now).ExecuteDeleteAsync(ct);
        }

        if (await nonces.AnyAsync(n => n.Nonce == nonce && n.Signature == signature, ct))
        {
            return false;
        }
        // Two instances may both get past the check above; the unique key lets only one insert through.
        var entry = nonces.Add(new AuthyCallbackNonce { Nonce = nonce, Signature = signature, ExpiresAt = freshUntil });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await nonces.AnyAsync(n => n.Nonce == nonce && n.Signature == signature, ct))
            {
                return false;
            }
            throw;
        }
        finally
        {
            // The scoped context must not try this row again on its next save.
            entry.State = EntityState.Detached;
        }
    }
}
