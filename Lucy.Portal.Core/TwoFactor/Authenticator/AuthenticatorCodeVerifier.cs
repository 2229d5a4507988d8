using System.Security.Cryptography;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// Checks a login code against the user's active seed and the server clock, accepting each time step at most once
/// (RFC 6238 §5.2, ASVS 2.8.4) even when two requests carry the same code at the same moment.
/// </summary>
public sealed class AuthenticatorCodeVerifier(
    PortalDbContext db,
    AuthenticatorSeedProtector seeds,
    TimeProvider time,
    AuditLog audit)
{
    private DbSet<AuthenticatorKey> Keys => db.Set<AuthenticatorKey>();

    public async Task<AuthenticatorVerification> VerifyAsync(PortalUser user, string code, CancellationToken ct = default)
    {
        var key = await Keys.AsNoTracking()
            .Where(k => k.UserId == user.Id && k.ProtectedSeed != null)
            .Select(k => new { ProtectedSeed = k.ProtectedSeed!, k.LastAcceptedStep })
            .SingleOrDefaultAsync(ct);
        if (key is null)
        {
            return AuthenticatorVerification.NotEnrolled;
        }

        var step = MatchStep(key.ProtectedSeed, code);
        if (step is not { } matched)
        {
            return AuthenticatorVerification.InvalidCode;
        }
        if (matched <= key.LastAcceptedStep)
        {
            await AuditReplayAsync(user, ct);
            return AuthenticatorVerification.ReplayedCode;
        }

        // The read above may be stale: only the request whose UPDATE still finds an earlier step wins.
        // Conditional on the seed too, so a code for a seed replaced meanwhile cannot advance the new one.
        var accepted = await Keys
            .Where(k => k.UserId == user.Id && k.ProtectedSeed == key.ProtectedSeed && k.LastAcceptedStep < matched)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastAcceptedStep, matched), ct);
        if (accepted == 0)
        {
            await AuditReplayAsync(user, ct);
            return AuthenticatorVerification.ReplayedCode;
        }
        return AuthenticatorVerification.Accepted;
    }

    private long? MatchStep(string protectedSeed, string code)
    {
        var seed = seeds.Unprotect(protectedSeed);
        try
        {
            return TotpAlgorithm.MatchStep(seed, code, TotpAlgorithm.StepAt(time.GetUtcNow()));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    // ASVS 2.8.5: a reused code is logged. The code itself never is.
    private Task AuditReplayAsync(PortalUser user, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(AuditEvents.AuthenticatorCodeReplayed, AuditOutcome.Failure)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            SubjectId = user.Id,
        }, ct);
}
