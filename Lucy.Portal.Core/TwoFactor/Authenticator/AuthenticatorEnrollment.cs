using System.Security.Cryptography;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// Binds the built-in authenticator to a user: start (a new pending seed), confirm with a first code
/// (only then does the seed sign anyone in), remove on disable.
/// </summary>
public sealed class AuthenticatorEnrollment(
    PortalDbContext db,
    AuthenticatorSeedProtector seeds,
    TimeProvider time,
    AuditLog audit)
{
    public const string Issuer = "Lucy";

    /// <summary>RFC 4226 recommends 160 bits, the HMAC-SHA1 output size.</summary>
    private const int SeedBytes = 20;

    private DbSet<AuthenticatorKey> Keys => db.Set<AuthenticatorKey>();

    /// <summary>
    /// Creates a new pending seed and returns it for display. This is the only time the seed leaves the server.
    /// An older pending seed is replaced; the active seed stays in use until the new one is confirmed.
    /// </summary>
    public async Task<AuthenticatorSetup> StartAsync(PortalUser user, CancellationToken ct = default)
    {
        var seed = RandomNumberGenerator.GetBytes(SeedBytes);
        try
        {
            var protectedSeed = seeds.Protect(seed);
            var now = time.GetUtcNow();
            if (!await ReplacePendingAsync(user.Id, protectedSeed, now, ct))
            {
                var key = new AuthenticatorKey { UserId = user.Id, PendingProtectedSeed = protectedSeed, PendingSince = now };
                Keys.Add(key);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // A concurrent start (double click) created the row first: the newest seed wins, as on any restart.
                    db.Entry(key).State = EntityState.Detached;
                    await ReplacePendingAsync(user.Id, protectedSeed, now, ct);
                    return AuthenticatorSetup.For(user.Email ?? user.UserName ?? user.Id, seed);
                }
                // Later steps update with conditional statements; a tracked copy would only go stale.
                db.Entry(key).State = EntityState.Detached;
            }
            return AuthenticatorSetup.For(user.Email ?? user.UserName ?? user.Id, seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>
    /// Activates the pending seed when <paramref name="code"/> is valid for it. The code's step is recorded,
    /// so the same code cannot then be used to log in.
    /// </summary>
    public async Task<AuthenticatorConfirmation> ConfirmAsync(PortalUser user, string code, string? ipAddress = null, CancellationToken ct = default)
    {
        var match = await MatchPendingAsync(user, code, ct);
        return match.Outcome == AuthenticatorConfirmation.Confirmed ? await ActivateAsync(user, match, ipAddress, ct) : match.Outcome;
    }

    /// <summary>
    /// Checks <paramref name="code"/> against the pending seed and changes nothing: a caller that counts the attempt
    /// first (<see cref="Accounts.CountedCodeCheck"/>) activates the seed only once the count allows it.
    /// </summary>
    public async Task<PendingSeedMatch> MatchPendingAsync(PortalUser user, string code, CancellationToken ct = default)
    {
        var pending = await Keys.AsNoTracking()
            .Where(k => k.UserId == user.Id)
            .Select(k => k.PendingProtectedSeed)
            .SingleOrDefaultAsync(ct);
        if (pending is null)
        {
            return new PendingSeedMatch(AuthenticatorConfirmation.NoPendingEnrollment, null, 0);
        }
        return MatchStep(pending, code, time.GetUtcNow()) is { } step
            ? new PendingSeedMatch(AuthenticatorConfirmation.Confirmed, pending, step)
            : new PendingSeedMatch(AuthenticatorConfirmation.InvalidCode, null, 0);
    }

    /// <summary>Activates the seed a code matched; NoPendingEnrollment when a concurrent confirmation or a newer start came first.</summary>
    public async Task<AuthenticatorConfirmation> ActivateAsync(PortalUser user, PendingSeedMatch match, string? ipAddress = null, CancellationToken ct = default)
    {
        if (match is not { Outcome: AuthenticatorConfirmation.Confirmed, ProtectedSeed: { } pending })
        {
            return match.Outcome;
        }
        var now = time.GetUtcNow();
        var accepted = match.Step;
        // Conditional on the very pending seed that was checked: a concurrent confirmation or a newer start makes this a no-op.
        var activated = await UserFactorCounters.InTransactionAsync(db, async () =>
        {
            var confirmed = await Keys
                .Where(k => k.UserId == user.Id && k.PendingProtectedSeed == pending)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(k => k.ProtectedSeed, pending)
                    .SetProperty(k => k.PendingProtectedSeed, (string?)null)
                    .SetProperty(k => k.PendingSince, (DateTimeOffset?)null)
                    .SetProperty(k => k.ConfirmedAt, now)
                    .SetProperty(k => k.LastAcceptedStep, accepted), ct);
            if (confirmed > 0)
            {
                await UserFactorCounters.AuthenticatorSetAsync(db, user.Id, confirmed: true, ct);
            }
            return confirmed;
        }, ct);
        if (activated == 0)
        {
            return AuthenticatorConfirmation.NoPendingEnrollment;
        }

        await audit.WriteAsync(new AuditEntry(AuditEvents.AuthenticatorEnrolled, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
            IpAddress = ipAddress,
        }, ct);
        return AuthenticatorConfirmation.Confirmed;
    }

    /// <summary>Whether the user has a confirmed seed that can sign in.</summary>
    public Task<bool> IsEnrolledAsync(PortalUser user, CancellationToken ct = default) =>
        Keys.AnyAsync(k => k.UserId == user.Id && k.ProtectedSeed != null, ct);

    /// <summary>Deletes the user's seeds (active and pending); false when there were none.</summary>
    /// <param name="actor">Who removed it: the user, or an administrator resetting the user's 2FA; defaults to the user.</param>
    public async Task<bool> RemoveAsync(PortalUser user, PortalUser? actor = null, string? ipAddress = null, CancellationToken ct = default)
    {
        var removed = await UserFactorCounters.InTransactionAsync(db, async () =>
        {
            var deleted = await Keys.Where(k => k.UserId == user.Id).ExecuteDeleteAsync(ct);
            await UserFactorCounters.AuthenticatorSetAsync(db, user.Id, confirmed: false, ct);
            return deleted;
        }, ct);
        if (removed == 0)
        {
            return false;
        }
        actor ??= user;
        await audit.WriteAsync(new AuditEntry(AuditEvents.AuthenticatorRemoved, AuditOutcome.Success)
        {
            ActorId = actor.Id,
            ActorEmail = actor.Email,
            SubjectId = user.Id,
            IpAddress = ipAddress,
        }, ct);
        return true;
    }

    private async Task<bool> ReplacePendingAsync(string userId, string protectedSeed, DateTimeOffset now, CancellationToken ct) =>
        await Keys.Where(k => k.UserId == userId)
            .ExecuteUpdateAsync(set => set
                .SetProperty(k => k.PendingProtectedSeed, protectedSeed)
                .SetProperty(k => k.PendingSince, now), ct) > 0;

    private long? MatchStep(string protectedSeed, string code, DateTimeOffset now)
    {
        var seed = seeds.Unprotect(protectedSeed);
        try
        {
            return TotpAlgorithm.MatchStep(seed, code, TotpAlgorithm.StepAt(now));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}

/// <summary>What a code matched: the pending seed and its time step, or why not (Confirmed means it matched).</summary>
public sealed record PendingSeedMatch(AuthenticatorConfirmation Outcome, string? ProtectedSeed, long Step)
{
    // The protected seed stays out of logs.
    public override string ToString() => $"PendingSeedMatch {{ Outcome = {Outcome} }}";
}
