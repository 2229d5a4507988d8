using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// Reads and saves the mail settings. Cached like the advanced settings: a save here is seen at once, another
/// instance's save within <see cref="AdvancedSettingsCache.RefreshInterval"/>. Every changed field is one audit row;
/// the password appears only as "set" or "removed".
/// </summary>
public sealed class MailSettings(IServiceScopeFactory scopes, IMemoryCache cache, MailSecretProtector protector, AuditLog audit, TimeProvider time)
{
    private static readonly object CacheKey = new();
    private long version;

    public async ValueTask<MailSettingsSnapshot> GetAsync(CancellationToken ct = default) => (await GetServerAsync(ct)).Settings;

    internal async ValueTask<MailServer> GetServerAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out MailServer? cached) && cached is not null)
        {
            return cached;
        }
        var seen = Interlocked.Read(ref version);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.Set<MailSettingsRow>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == MailSettingsRow.SingletonId, ct);
        var server = row is null ? new MailServer(MailSettingsSnapshot.NotConfigured, null) : ServerOf(row);
        if (Interlocked.Read(ref version) == seen)
        {
            cache.Set(CacheKey, server, AdvancedSettingsCache.RefreshInterval);
        }
        return server;
    }

    /// <summary>Validates and saves the Mail card; on any field error nothing is saved.</summary>
    public async Task<SettingsResult> SaveAsync(MailSettingsForm form, SettingsActor actor, CancellationToken ct = default)
    {
        var errors = form.Validate();
        if (errors.Count > 0)
        {
            return SettingsResult.Invalid(errors);
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.Set<MailSettingsRow>().FirstOrDefaultAsync(r => r.Id == MailSettingsRow.SingletonId, ct);
        var isNew = row is null;
        row ??= new MailSettingsRow();
        var before = Describe(row);

        row.Host = Trimmed(form.Host);
        row.Port = form.Port;
        row.Security = form.Security;
        row.UserName = Trimmed(form.UserName);
        row.SenderAddress = Trimmed(form.SenderAddress);
        if (form.RemovePassword)
        {
            row.ProtectedPassword = null;
        }
        else if (!string.IsNullOrEmpty(form.NewPassword))
        {
            row.ProtectedPassword = protector.ProtectPassword(form.NewPassword);
        }

        var after = Describe(row);
        var changes = before.Zip(after).Where(p => p.First.Compared != p.Second.Compared)
            .Select(p => p.First.Display == p.Second.Display
                ? $"{p.Second.Setting}: replaced"
                : $"{p.Second.Setting}: {p.First.Display} → {p.Second.Display}").ToList();
        if (changes.Count == 0)
        {
            return SettingsResult.Success;
        }
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = actor.Email ?? actor.UserId;
        if (isNew)
        {
            db.Add(row);
        }
        await db.SaveChangesAsync(ct);
        Invalidate();
        foreach (var change in changes)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.SettingsChanged, AuditOutcome.Success)
            {
                ActorId = actor.UserId,
                ActorEmail = actor.Email,
                IpAddress = actor.IpAddress,
                Detail = change,
            }, ct);
        }
        return SettingsResult.Success;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref version);
        cache.Remove(CacheKey);
    }

    private MailServer ServerOf(MailSettingsRow row)
    {
        var password = protector.UnprotectPassword(row.ProtectedPassword);
        return new MailServer(new MailSettingsSnapshot
        {
            Host = row.Host,
            Port = row.Port,
            Security = row.Security,
            UserName = row.UserName,
            HasPassword = password is not null,
            SenderAddress = row.SenderAddress,
            UpdatedAt = row.UpdatedAt,
            UpdatedBy = row.UpdatedBy,
        }, password);
    }

    // The password is compared by its payload (a new one always differs) and never described by value.
    private static List<(string Setting, string? Compared, string Display)> Describe(MailSettingsRow row) =>
    [
        ("Mail server", row.Host, row.Host ?? "none"),
        ("Mail port", Text(row.Port), Text(row.Port)),
        ("Mail security", row.Security.ToString(), row.Security.ToString()),
        ("Mail username", row.UserName, row.UserName ?? "none"),
        ("Mail password", row.ProtectedPassword, row.ProtectedPassword is null ? "not set" : "set"),
        ("Mail sender", row.SenderAddress, row.SenderAddress ?? "none"),
    ];

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
