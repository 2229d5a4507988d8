using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.SignIn;

/// <summary>
/// Caps SMS, calls and pushes per account (toll fraud, push bombing): a short cooldown between two requests and
/// at most <see cref="MaxPerWindow"/> in <see cref="Window"/>, below Authy's own 429. Kept in the database so every
/// instance sees the same count.
/// </summary>
public sealed class OtpDeliveryLimiter(PortalDbContext db, TimeProvider time)
{
    public const int MaxPerWindow = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(30);

    private DbSet<OtpDelivery> Deliveries => db.Set<OtpDelivery>();

    /// <summary>Null when a send is allowed now; otherwise when the next one is.</summary>
    public async Task<DateTimeOffset?> NextAllowedAtAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var windowStart = now - Window;
        var recent = await Deliveries.AsNoTracking()
            .Where(d => d.UserId == userId && d.RequestedAt > windowStart)
            .Select(d => d.RequestedAt)
            .ToListAsync(ct);
        if (recent.Count >= MaxPerWindow)
        {
            return recent.Min() + Window;
        }
        if (recent.Count > 0 && recent.Max() + Cooldown > now)
        {
            return recent.Max() + Cooldown;
        }
        return null;
    }

    public async Task<DateTimeOffset> RecordAsync(string userId, string channel, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await Deliveries.Where(d => d.RequestedAt < now - Window).ExecuteDeleteAsync(ct);
        Deliveries.Add(new OtpDelivery { UserId = userId, Channel = channel, RequestedAt = now });
        await db.SaveChangesAsync(ct);
        return now + Cooldown;
    }
}
