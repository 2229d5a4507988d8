using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Sessions;

/// <summary>
/// The server-side list behind "remember this device". Identity's remember cookie alone cannot be listed or revoked one
/// by one (it holds only the user id and security stamp), so each cookie also names a row here.
/// </summary>
public sealed class RememberedDevices(PortalDbContext db, TimeProvider time)
{
    /// <summary>Records a newly remembered browser; expired and outdated rows of the user are dropped on the way.</summary>
    public async Task<Guid> RememberAsync(string userId, string? securityStamp, TimeSpan lifetime, string? userAgent, string? ipAddress,
        CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await db.Set<RememberedDevice>()
            .Where(d => d.UserId == userId && (d.ExpiresAt <= now || d.SecurityStamp != securityStamp))
            .ExecuteDeleteAsync(ct);
        var device = new RememberedDevice
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            UserAgent = userAgent is { Length: > UserSessionConfiguration.UserAgentMaxLength }
                ? userAgent[..UserSessionConfiguration.UserAgentMaxLength]
                : userAgent,
            IpAddress = ipAddress,
            SecurityStamp = securityStamp,
        };
        db.Add(device);
        await db.SaveChangesAsync(ct);
        db.Entry(device).State = EntityState.Detached;
        return device.Id;
    }

    /// <summary>Whether the device still skips the second factor for the user; records the use when it does.</summary>
    public async Task<bool> IsRememberedAsync(string? deviceId, string userId, string? securityStamp, CancellationToken ct = default)
    {
        if (!Guid.TryParse(deviceId, out var id))
        {
            return false;
        }
        var now = time.GetUtcNow();
        return await db.Set<RememberedDevice>()
            .Where(d => d.Id == id && d.UserId == userId && d.SecurityStamp == securityStamp && d.ExpiresAt > now)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.LastUsedAt, now), ct) > 0;
    }

    /// <summary>The devices that would still skip the second factor, newest first.</summary>
    public async Task<IReadOnlyList<RememberedDevice>> ListAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var stamp = await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
        return await db.Set<RememberedDevice>().AsNoTracking()
            .Where(d => d.UserId == userId && d.SecurityStamp == stamp && d.ExpiresAt > now)
            .OrderByDescending(d => d.CreatedAt)
            .ToListAsync(ct);
    }

    /// <summary>Forgets one device of the user; false when it is not theirs.</summary>
    public async Task<bool> ForgetAsync(string userId, Guid deviceId, CancellationToken ct = default) =>
        await db.Set<RememberedDevice>().Where(d => d.Id == deviceId && d.UserId == userId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Forgets every device of the user; returns how many there were.</summary>
    public async Task<int> ForgetAllAsync(string userId, CancellationToken ct = default) =>
        await db.Set<RememberedDevice>().Where(d => d.UserId == userId).ExecuteDeleteAsync(ct);
}
