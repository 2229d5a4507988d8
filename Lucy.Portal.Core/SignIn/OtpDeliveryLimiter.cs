using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// Caps SMS, calls and pushes per account (toll fraud, push bombing): a short cooldown between two requests and
/// at most <see cref="MaxPerWindow"/> in any <see cref="Window"/>, below Authy's own 429. Login and enrollment sends
/// share the cap: they go to the same phone and cost the same. Kept in the database so every instance sees the same count.
/// </summary>
/// <remarks>
/// A send is reserved before it is made, in one INSERT that cannot succeed twice for the same state: each delivery
/// carries the next number in the account's sequence, and (UserId, Sequence) is unique. Two prompts that read the same
/// state both try to insert the same number; the database lets exactly one through, on SQLite (one writer at a time)
/// as on SQL Server (the unique index is checked under a key lock at any isolation level), with no lock hints and no
/// transaction. The loser reads again and sees the winner's send. A send that the provider refused or that failed is
/// released, so it does not count.
/// </remarks>
public sealed class OtpDeliveryLimiter(PortalDbContext db, TimeProvider time)
{
    public const int MaxPerWindow = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(30);

    // Losing the insert race means another prompt just sent; a few rounds settle any burst.
    private const int ReserveAttempts = 8;

    private DbSet<OtpDelivery> Deliveries => db.Set<OtpDelivery>();

    /// <summary>What the server will allow right now: the prompt shows this on load and after every send.</summary>
    public async Task<SendAllowance> GetAllowanceAsync(string userId, CancellationToken ct = default) =>
        Allowance(await RecentAsync(userId, ct), time.GetUtcNow());

    /// <summary>Reserves one send now, or says when the next one is allowed. Release the reservation if the send fails.</summary>
    public async Task<SendReservation> TryReserveAsync(string userId, string channel, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < ReserveAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var recent = await RecentAsync(userId, ct);
            var allowance = Allowance(recent, now);
            if (!allowance.CanSendNow)
            {
                return new SendReservation(null, allowance);
            }
            var delivery = new OtpDelivery
            {
                UserId = userId,
                Channel = channel,
                RequestedAt = now,
                Sequence = recent.Count == 0 ? 1 : recent[0].Sequence + 1,
            };
            if (await TryInsertAsync(delivery, ct))
            {
                await ForgetOldAsync(now, ct);
                return new SendReservation(delivery.Id, Allowance([new RecentDelivery(delivery.Sequence, now), .. recent], now));
            }
        }
        // Fail closed: nothing is sent when the reservation cannot be written.
        return new SendReservation(null, Allowance(await RecentAsync(userId, ct), time.GetUtcNow()) with { Busy = true });
    }

    /// <summary>The send did not happen (provider refused, failed or ignored it): it does not count.</summary>
    public async Task<SendAllowance> ReleaseAsync(string userId, SendReservation reservation, CancellationToken ct = default)
    {
        if (reservation.Id is { } id)
        {
            await Deliveries.Where(d => d.Id == id && d.UserId == userId).ExecuteDeleteAsync(ct);
        }
        return await GetAllowanceAsync(userId, ct);
    }

    private async Task<bool> TryInsertAsync(OtpDelivery delivery, CancellationToken ct)
    {
        // The prompt's context lives as long as the page: save only this row and never leave it behind.
        var entry = Deliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    // The newest deliveries first: enough to know the cooldown, the cap, and the next sequence number.
    private async Task<List<RecentDelivery>> RecentAsync(string userId, CancellationToken ct)
    {
        var windowStart = time.GetUtcNow() - Window;
        var latest = await Deliveries.AsNoTracking()
            .Where(d => d.UserId == userId)
            .OrderByDescending(d => d.Sequence)
            .Select(d => new RecentDelivery(d.Sequence, d.RequestedAt))
            .Take(MaxPerWindow)
            .ToListAsync(ct);
        // The newest row always stays (it carries the sequence), even when it is older than the window.
        return latest.Where((d, i) => i == 0 || d.RequestedAt > windowStart).ToList();
    }

    private static SendAllowance Allowance(IReadOnlyList<RecentDelivery> recent, DateTimeOffset now)
    {
        var inWindow = recent.Where(d => d.RequestedAt > now - Window).Select(d => d.RequestedAt).ToList();
        if (inWindow.Count >= MaxPerWindow)
        {
            return new SendAllowance(inWindow.Count, inWindow.Min() + Window, CapReached: true);
        }
        if (inWindow.Count > 0 && inWindow.Max() + Cooldown > now)
        {
            return new SendAllowance(inWindow.Count, inWindow.Max() + Cooldown, CapReached: false);
        }
        return new SendAllowance(inWindow.Count, null, CapReached: false);
    }

    // Old rows of every account go, except each account's newest, which holds its place in the sequence.
    private Task<int> ForgetOldAsync(DateTimeOffset now, CancellationToken ct) =>
        Deliveries
            .Where(d => d.RequestedAt < now - Window
                        && d.Sequence < Deliveries.Where(n => n.UserId == d.UserId).Max(n => n.Sequence))
            .ExecuteDeleteAsync(ct);

    private sealed record RecentDelivery(int Sequence, DateTimeOffset RequestedAt);
}

/// <summary>What the per-account cap allows now; <see cref="NextAllowedAt"/> is null when a send is allowed.</summary>
public sealed record SendAllowance(int SentInWindow, DateTimeOffset? NextAllowedAt, bool CapReached)
{
    /// <summary>The reservation could not be written (the database was busy): nothing was sent; try again.</summary>
    public bool Busy { get; init; }

    public bool CanSendNow => NextAllowedAt is null && !Busy;
}

/// <summary>A reserved send (<see cref="Id"/> set) or a refusal, with the allowance after it.</summary>
public sealed record SendReservation(long? Id, SendAllowance Allowance)
{
    public bool Granted => Id is not null;
}
