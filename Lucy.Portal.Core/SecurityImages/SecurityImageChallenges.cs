using System.Security.Cryptography;
using System.Text;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.SecurityImages;

/// <summary>How an answer to a security image went.</summary>
public enum SecurityImageAnswer
{
    Solved,
    /// <summary>No image was answered (none asked for, unknown id, issued to another browser, or already answered).</summary>
    Missing,
    Wrong,
    Expired,
}

/// <summary>
/// Issues security images and checks answers. A challenge belongs to the browser it was issued to (a hash of its
/// binding cookie), lives <see cref="Lifetime"/>, and is deleted by its first answer, right or wrong: one delete
/// statement decides, so of two instances answering the same id at once only one gets the row.
/// </summary>
public sealed class SecurityImageChallenges(
    PortalDbContext db, ISecurityImageCodes codes, SecurityImageDrawer drawer, TimeProvider time, Housekeeping housekeeping)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private DbSet<SecurityImageChallenge> Challenges => db.Set<SecurityImageChallenge>();

    /// <summary>Live images kept per client address: anyone may ask for images, but not fill the database with them.</summary>
    public const int MaxLivePerAddress = 20;

    /// <summary>
    /// Draws a new image for the browser holding <paramref name="binding"/> and returns its id. It replaces the
    /// browser's previous image, and an address's oldest images beyond <see cref="MaxLivePerAddress"/>.
    /// </summary>
    public async Task<string> IssueAsync(string binding, string? address, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var bindingHash = BindingHash(binding);
        address = address is { Length: > 64 } ? address[..64] : address;
        // The browser's previous image always goes; everyone's expired ones once a minute at most (every read asks for an
        // unexpired one, and they sort last when an address's surplus is counted).
        var pruneExpired = housekeeping.TakeTurn(nameof(SecurityImageChallenges), Housekeeping.Interval);
        await Challenges.Where(c => c.BindingHash == bindingHash || (pruneExpired && c.ExpiresAt < now)).ExecuteDeleteAsync(ct);
        var surplus = await Challenges.Where(c => c.Address == address)
            .OrderByDescending(c => c.ExpiresAt)
            .Skip(MaxLivePerAddress - 1)
            .Select(c => c.Id)
            .ToListAsync(ct);
        if (surplus.Count > 0)
        {
            await Challenges.Where(c => surplus.Contains(c.Id)).ExecuteDeleteAsync(ct);
        }

        var id = Base64UrlId();
        var answer = codes.Next();
        Challenges.Add(new SecurityImageChallenge
        {
            Id = id,
            AnswerHash = SecurityImageAnswerHash.Of(id, answer),
            BindingHash = bindingHash,
            Png = drawer.DrawPng(answer),
            Address = address,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return id;
    }

    /// <summary>The PNG of a live challenge issued to this browser, else null.</summary>
    public async Task<byte[]?> PngAsync(string? id, string? binding, CancellationToken ct = default)
    {
        if (!IsWellFormed(id) || string.IsNullOrEmpty(binding))
        {
            return null;
        }
        var bindingHash = BindingHash(binding);
        var now = time.GetUtcNow();
        return await Challenges.AsNoTracking()
            .Where(c => c.Id == id && c.BindingHash == bindingHash && c.ExpiresAt > now)
            .Select(c => c.Png)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Checks an answer and consumes the challenge whatever the outcome.</summary>
    public async Task<SecurityImageAnswer> AnswerAsync(string? id, string? answer, string? binding, CancellationToken ct = default)
    {
        if (!IsWellFormed(id) || string.IsNullOrEmpty(binding))
        {
            return SecurityImageAnswer.Missing;
        }
        var bindingHash = BindingHash(binding);
        var challenge = await Challenges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == id && c.BindingHash == bindingHash, ct);
        if (challenge is null)
        {
            return SecurityImageAnswer.Missing;
        }
        // The delete is the claim: a second answer to the same image, here or on another instance, finds nothing.
        var claimed = await Challenges.Where(c => c.Id == id && c.BindingHash == bindingHash).ExecuteDeleteAsync(ct);
        if (claimed == 0)
        {
            return SecurityImageAnswer.Missing;
        }
        if (challenge.ExpiresAt <= time.GetUtcNow())
        {
            return SecurityImageAnswer.Expired;
        }
        return SecurityImageAnswerHash.Matches(challenge.AnswerHash, challenge.Id, answer)
            ? SecurityImageAnswer.Solved
            : SecurityImageAnswer.Wrong;
    }

    private static bool IsWellFormed(string? id) =>
        id is { Length: SecurityImageChallengeConfiguration.IdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static byte[] BindingHash(string binding) => SHA256.HashData(Encoding.UTF8.GetBytes(binding));

    private static string Base64UrlId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
