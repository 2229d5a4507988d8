using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// Opens second-factor challenges for users who passed the password step and turns a verified challenge into a
/// short-lived, single-use sign-in grant. A grant never works for another user, in another browser, twice, or after
/// it expires.
/// </summary>
public sealed class SignInChallenges(PortalDbContext db, TimeProvider time, Housekeeping housekeeping)
{
    /// <summary>How long the token prompt stays usable; matches Identity's two-factor cookie.</summary>
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long the browser has to redeem a grant with a full page load.</summary>
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromSeconds(60);

    /// <summary>How often expired challenges are deleted (by the next challenge opened after it).</summary>
    public static readonly TimeSpan PruneInterval = Housekeeping.Interval;

    private DbSet<SignInChallenge> Challenges => db.Set<SignInChallenge>();

    /// <summary>A new secret for the browser that passed the password step; it keeps it in a cookie, the database its hash.</summary>
    public static string NewBrowserKey() => OpaqueToken.Create();

    /// <summary>Opens a challenge for the user, redeemable only by the browser holding <paramref name="browserKey"/>.</summary>
    public async Task<string> OpenAsync(string userId, string browserKey, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserKey);
        var now = time.GetUtcNow();
        // Rows nobody can use any more are cleared as new challenges open, once a minute at most: the challenge has expired
        // and so has its grant, if it has one (a grant issued just before its challenge expired lives on for its own minute).
        if (housekeeping.TakeTurn(nameof(SignInChallenges), PruneInterval))
        {
            await Challenges.Where(c => c.ExpiresAt < now && (c.GrantExpiresAt == null || c.GrantExpiresAt < now)).ExecuteDeleteAsync(ct);
        }

        var token = OpaqueToken.Create();
        Challenges.Add(new SignInChallenge
        {
            ChallengeHash = OpaqueToken.Hash(token),
            UserId = userId,
            BrowserKeyHash = OpaqueToken.Hash(browserKey),
            CreatedAt = now,
            ExpiresAt = now + ChallengeLifetime,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The user a still-open challenge belongs to, or null when it is unknown, expired or already used.</summary>
    public Task<string?> FindUserIdAsync(string? challengeToken, CancellationToken ct = default) =>
        Open(challengeToken).Select(c => c.UserId).SingleOrDefaultAsync(ct);

    /// <summary>Follows a new OneTouch request; an answer recorded for an earlier one is forgotten.</summary>
    public async Task AttachOneTouchAsync(string challengeToken, string uuid, CancellationToken ct = default)
    {
        var hash = OpaqueToken.Hash(challengeToken);
        await Challenges.Where(c => c.ChallengeHash == hash)
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.OneTouchUuid, uuid)
                .SetProperty(c => c.OneTouchAnswer, (AuthyApprovalStatus?)null), ct);
    }

    /// <summary>The OneTouch request of a still-open challenge, if one was pushed, with the answer a callback recorded.</summary>
    public Task<PendingOneTouch?> FindOneTouchAsync(string? challengeToken, CancellationToken ct = default) =>
        Open(challengeToken).Where(c => c.OneTouchUuid != null)
            .Select(c => new PendingOneTouch(c.OneTouchUuid!, c.OneTouchAnswer))
            .SingleOrDefaultAsync(ct);

    /// <summary>
    /// Records Authy's answer on the open challenge waiting for that request, once, if the request belongs to the
    /// challenge's user (their Authy id). Nothing else changes: the waiting prompt acts on it.
    /// </summary>
    public async Task<OneTouchAnswerRecording> RecordOneTouchAnswerAsync(string uuid, string authyId, AuthyApprovalStatus answer, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var waiting = await Challenges.AsNoTracking()
            .Where(c => c.OneTouchUuid == uuid && c.ExpiresAt > now && c.GrantHash == null)
            .Select(c => new { c.ChallengeHash, c.UserId })
            .ToListAsync(ct);
        if (waiting.Count != 1)
        {
            return OneTouchAnswerRecording.NoChallengeWaiting;
        }
        var challenge = waiting[0];
        var userAuthyId = await db.Users.Where(u => u.Id == challenge.UserId).Select(u => u.AuthyId).SingleOrDefaultAsync(ct);
        if (userAuthyId is null || !string.Equals(userAuthyId, authyId, StringComparison.Ordinal))
        {
            return OneTouchAnswerRecording.OtherUser;
        }
        var recorded = await Challenges
            .Where(c => c.ChallengeHash == challenge.ChallengeHash && c.OneTouchUuid == uuid && c.OneTouchAnswer == null && c.GrantHash == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.OneTouchAnswer, answer), ct);
        return recorded == 1 ? OneTouchAnswerRecording.Recorded : OneTouchAnswerRecording.NoChallengeWaiting;
    }

    // Unknown, expired and already verified challenges match nothing.
    private IQueryable<SignInChallenge> Open(string? challengeToken)
    {
        var hash = string.IsNullOrEmpty(challengeToken) ? "" : OpaqueToken.Hash(challengeToken);
        var now = time.GetUtcNow();
        return Challenges.AsNoTracking().Where(c => c.ChallengeHash == hash && c.ExpiresAt > now && c.GrantHash == null);
    }

    /// <summary>Marks the challenge verified and returns the grant token, or null if the challenge was already used or expired.</summary>
    public async Task<string?> IssueGrantAsync(string challengeToken, string method, bool rememberDevice, CancellationToken ct = default)
    {
        var grant = OpaqueToken.Create();
        var grantHash = OpaqueToken.Hash(grant);
        var hash = OpaqueToken.Hash(challengeToken);
        var now = time.GetUtcNow();
        var updated = await Challenges
            .Where(c => c.ChallengeHash == hash && c.ExpiresAt > now && c.GrantHash == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(c => c.GrantHash, grantHash)
                .SetProperty(c => c.GrantExpiresAt, now + GrantLifetime)
                .SetProperty(c => c.RememberDevice, rememberDevice)
                .SetProperty(c => c.Method, method), ct);
        return updated == 1 ? grant : null;
    }

    /// <summary>
    /// Redeems a grant for the user the two-factor cookie names, in the browser whose key opened the challenge.
    /// Succeeds once, for that user and browser, before expiry.
    /// </summary>
    public async Task<GrantRedemption> RedeemGrantAsync(string? grantToken, string expectedUserId, string? browserKey, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(grantToken) || string.IsNullOrEmpty(browserKey))
        {
            return GrantRedemption.Refused;
        }
        var grantHash = OpaqueToken.Hash(grantToken);
        var browserKeyHash = OpaqueToken.Hash(browserKey);
        var now = time.GetUtcNow();
        var redeemed = await Challenges
            .Where(c => c.GrantHash == grantHash && c.UserId == expectedUserId && c.BrowserKeyHash == browserKeyHash
                && c.GrantRedeemedAt == null && c.GrantExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.GrantRedeemedAt, now), ct);
        if (redeemed != 1)
        {
            return GrantRedemption.Refused;
        }
        var challenge = await Challenges.AsNoTracking().SingleAsync(c => c.GrantHash == grantHash, ct);
        return new GrantRedemption(true, challenge.RememberDevice, challenge.Method);
    }
}

/// <summary>A OneTouch request a challenge waits on, and Authy's answer if a callback already brought it.</summary>
public sealed record PendingOneTouch(string Uuid, AuthyApprovalStatus? Answer);

/// <summary>What became of an answer a OneTouch callback brought.</summary>
public enum OneTouchAnswerRecording
{
    Recorded,
    /// <summary>No open challenge waits on that request (unknown, replaced, expired or already signed in).</summary>
    NoChallengeWaiting,
    /// <summary>The request's Authy id is not the one of the user the challenge belongs to.</summary>
    OtherUser,
}

/// <summary>The outcome of redeeming a sign-in grant.</summary>
public sealed record GrantRedemption(bool Succeeded, bool RememberDevice, string? Method)
{
    public static GrantRedemption Refused { get; } = new(false, false, null);
}
