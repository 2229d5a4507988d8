using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Settings;

public class SettingsAuditTests
{
    [Fact]
    public async Task Each_changed_setting_is_audited_with_who_and_old_and_new_value()
    {
        await using var host = new SettingsTestHost();

        await host.SaveAsync(new LockoutSection(5, 15));

        var entry = Assert.Single(await host.AuditAsync());
        Assert.Equal(AuditEvents.SettingsChanged, entry.Event);
        Assert.Equal("admin-id", entry.ActorId);
        Assert.Equal("admin@example.com", entry.ActorEmail);
        Assert.Equal("10.0.0.1", entry.IpAddress);
        Assert.Equal(host.Time.GetUtcNow(), entry.OccurredAt);
        Assert.Equal("Lockout minutes: 5 → 15", entry.Detail);
    }

    [Fact]
    public async Task A_session_lifetime_change_is_audited_per_setting()
    {
        await using var host = new SettingsTestHost();

        await host.SaveAsync(new SessionSection(24, 15));

        var details = (await host.AuditAsync()).Select(e => e.Detail).ToList();
        Assert.Contains("Session absolute lifetime hours: 12 → 24", details);
        Assert.Contains("Session idle timeout minutes: 30 → 15", details);
    }

    [Fact]
    public async Task Saving_unchanged_values_writes_no_audit_entry()
    {
        await using var host = new SettingsTestHost();
        await host.SaveAsync(new LockoutSection(5, 15));

        await host.SaveAsync(new LockoutSection(5, 15));

        Assert.Single(await host.AuditAsync());
    }

    [Fact]
    public async Task Removing_the_key_is_audited_as_removed()
    {
        await using var host = new SettingsTestHost();
        await host.SetKeyAsync(SettingsTestHost.ValidKey);

        await host.InScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<AuthyKeySettings>(sp).RemoveKeyAsync(host.Admin));

        var details = (await host.AuditAsync()).Select(e => e.Detail).ToList();
        Assert.Contains("Authy API key: removed", details);
        Assert.Contains("2FA provider: Authy → BuiltInAuthenticator", details);
    }

    [Fact]
    public async Task A_refused_key_is_audited_as_a_failure_without_the_key()
    {
        await using var host = new SettingsTestHost();
        host.KeyCheck.Answer = new AuthyKeyCheckResult(AuthyKeyCheckStatus.InvalidKey);

        await host.SetKeyAsync(SettingsTestHost.ValidKey);

        var entry = Assert.Single(await host.AuditAsync());
        Assert.Equal(AuditEvents.SettingsAuthyKeyRejected, entry.Event);
        Assert.Equal(AuditOutcome.Failure, entry.Outcome);
        Assert.DoesNotContain("1234", entry.Detail);
    }
}
