using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// Keeps the settings row in memory. Every save on this instance invalidates it at once; other instances on the same
/// database re-read the row at most <see cref="RefreshInterval"/> later (docs/scale-out.md), so a changed lockout or
/// password policy is in force everywhere within that time. The row is one small read by primary key.
/// </summary>
public sealed class AdvancedSettingsCache(IServiceScopeFactory scopes, IMemoryCache cache, SettingsSecretProtector protector)
{
    private static readonly object CacheKey = new();
    /// <summary>How long another instance's save can go unseen here.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    // Bumped on every invalidation, so a load that raced with a save does not put the old row back in the cache.
    private long version;

    public async ValueTask<AdvancedSettingsSnapshot> GetAsync(CancellationToken ct = default) =>
        (await GetCurrentAsync(ct)).Snapshot;

    /// <summary>Forgets the cached settings; the next read goes to the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref version);
        cache.Remove(CacheKey);
    }

    internal async ValueTask<CurrentSettings> GetCurrentAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out CurrentSettings? cached) && cached is not null)
        {
            return cached;
        }
        var seen = Interlocked.Read(ref version);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.Set<AdvancedSettingsRow>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == AdvancedSettingsRow.SingletonId, ct);
        return Remember(row, seen);
    }

    /// <summary>
    /// For synchronous callers (an IWebProxy is asked for its proxy synchronously). Only a cache miss touches the
    /// database, and that is one small row.
    /// </summary>
    internal CurrentSettings GetCurrent()
    {
        if (cache.TryGetValue(CacheKey, out CurrentSettings? cached) && cached is not null)
        {
            return cached;
        }
        var seen = Interlocked.Read(ref version);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = db.Set<AdvancedSettingsRow>().AsNoTracking().FirstOrDefault(s => s.Id == AdvancedSettingsRow.SingletonId);
        return Remember(row, seen);
    }

    private CurrentSettings Remember(AdvancedSettingsRow? row, long seen)
    {
        var current = row is null
            ? new CurrentSettings(AdvancedSettingsSnapshot.Defaults, null, null)
            : Decrypt(row);
        if (Interlocked.Read(ref version) == seen)
        {
            cache.Set(CacheKey, current, RefreshInterval);
        }
        return current;
    }

    private CurrentSettings Decrypt(AdvancedSettingsRow row)
    {
        var authyKey = protector.UnprotectAuthyApiKey(row.ProtectedAuthyApiKey);
        var proxyPassword = protector.UnprotectProxyPassword(row.ProtectedProxyPassword);
        var twilioAuthToken = protector.UnprotectTwilioAuthToken(row.ProtectedTwilioAuthToken);
        return new CurrentSettings(SnapshotOf(row, authyKey, proxyPassword is not null, twilioAuthToken), authyKey, proxyPassword, twilioAuthToken);
    }

    internal static AdvancedSettingsSnapshot SnapshotOf(AdvancedSettingsRow row, string? authyKey, bool hasProxyPassword, string? twilioAuthToken = null) => new()
    {
        TwoFactorProvider = row.TwoFactorProvider,
        MaskedAuthyApiKey = SecretMask.LastFour(authyKey),
        AuthyKeyIsSharedEvaluationKey = authyKey is not null && row.AuthyKeyIsSharedEvaluationKey,
        TwilioAccountSid = row.TwilioAccountSid,
        MaskedTwilioAuthToken = SecretMask.LastFour(twilioAuthToken),
        TwilioServiceSid = row.TwilioServiceSid,
        TimeZoneId = row.TimeZoneId,
        DateFormat = row.DateFormat,
        ProxyEnabled = row.ProxyEnabled,
        ProxyUrl = row.ProxyUrl,
        ProxyUserName = row.ProxyUserName,
        HasProxyPassword = hasProxyPassword,
        PasswordMinimumLength = row.PasswordMinimumLength,
        PasswordRotationDays = row.PasswordRotationDays,
        MaxFailedAccessAttempts = row.MaxFailedAccessAttempts,
        LockoutMinutes = row.LockoutMinutes,
        RememberDeviceAllowed = row.RememberDeviceAllowed,
        RememberDeviceDays = row.RememberDeviceDays,
        SessionAbsoluteHours = row.SessionAbsoluteHours,
        SessionIdleMinutes = row.SessionIdleMinutes,
        SecurityImageEnabled = row.SecurityImageEnabled,
        SecurityImageAfterFailures = row.SecurityImageAfterFailures,
        TwoFactorPolicy = new(row.TwoFactorRequiredFor, row.TwoFactorAdministratorGraceDays, row.TwoFactorEveryoneGraceDays, row.StepUpMinutes),
        AuditRetentionDays = row.AuditRetentionDays,
        AdministratorsRequirePasskey = row.AdministratorsRequirePasskey,
        UpdatedAt = row.UpdatedAt,
        UpdatedBy = row.UpdatedBy,
    };
}
