using Lucy.Portal.Core.Auditing;

namespace Lucy.Portal.Core.Settings;

/// <summary>Reads the advanced settings and saves one section at a time; also the factory reset.</summary>
public sealed class AdvancedSettingsService
{
    private readonly AdvancedSettingsCache cache;
    private readonly SettingsWriter writer;

    internal AdvancedSettingsService(AdvancedSettingsCache cache, SettingsWriter writer)
    {
        this.cache = cache;
        this.writer = writer;
    }

    public ValueTask<AdvancedSettingsSnapshot> GetAsync(CancellationToken ct = default) => cache.GetAsync(ct);

    /// <summary>Validates and saves one section; on any field error nothing is saved.</summary>
    public Task<SettingsResult> SaveAsync(ISettingsSection section, SettingsActor actor, CancellationToken ct = default) =>
        writer.WriteAsync(section, actor, AuditEvents.SettingsChanged, ct);

    /// <summary>
    /// Returns every setting (including the Authy key and provider) to its default. Users and their 2FA enrollments
    /// are not touched. Requires <paramref name="confirmation"/> to be exactly <see cref="SettingsDefaults.FactoryResetConfirmation"/>.
    /// </summary>
    public Task<SettingsResult> FactoryResetAsync(string? confirmation, SettingsActor actor, CancellationToken ct = default) =>
        writer.WriteAsync(new FactoryResetChange(confirmation), actor, AuditEvents.SettingsFactoryReset, ct);
}
