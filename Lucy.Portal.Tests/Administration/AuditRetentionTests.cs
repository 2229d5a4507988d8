using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lucy.Portal.Tests.Administration;

/// <summary>The retention setting and the background job that applies it, on a fake clock.</summary>
public sealed class AuditRetentionTests : IAsyncLifetime
{
    private readonly SettingsTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SeedAsync(int count, TimeSpan age)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var at = _host.Time.GetUtcNow() - age;
        db.AuditEvents.AddRange(Enumerable.Range(0, count).Select(_ => new AuditEvent { Event = "old-or-new", OccurredAt = at }));
        await db.SaveChangesAsync();
    }

    private Task<List<AuditEvent>> RowsAsync() =>
        _host.InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().ToListAsync());

    private Task<int> ApplyAsync() => _host.InScopeAsync(sp => sp.GetRequiredService<AuditRetention>().ApplyAsync());

    [Fact]
    public async Task Rows_older_than_365_days_by_default_are_deleted_in_batches_and_the_purge_is_audited()
    {
        await SeedAsync(AuditRetention.BatchSize * 2 + 5, TimeSpan.FromDays(366));
        await SeedAsync(3, TimeSpan.FromDays(364));

        var deleted = await ApplyAsync();

        Assert.Equal(AuditRetention.BatchSize * 2 + 5, deleted);
        var rows = await RowsAsync();
        Assert.Equal(3, rows.Count(r => r.Event == "old-or-new"));
        var purge = Assert.Single(rows, r => r.Event == AuditEvents.AuditRetentionApplied);
        Assert.Contains("older than 365 days", purge.Detail);
    }

    [Fact]
    public async Task A_shorter_retention_saved_in_advanced_settings_applies_at_the_next_run()
    {
        Assert.True((await _host.SaveAsync(new AuditRetentionSection(30))).Succeeded);
        await SeedAsync(2, TimeSpan.FromDays(31));
        await SeedAsync(1, TimeSpan.FromDays(29));

        Assert.Equal(2, await ApplyAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public async Task A_retention_outside_1_to_3650_days_is_refused(int days)
    {
        var result = await _host.SaveAsync(new AuditRetentionSection(days));

        Assert.False(result.Succeeded);
        Assert.Equal(SettingsDefaults.AuditRetentionDays, (await _host.GetAsync()).AuditRetentionDays);
    }

    [Fact]
    public async Task Nothing_to_delete_writes_no_audit_row()
    {
        await SeedAsync(2, TimeSpan.FromDays(1));

        Assert.Equal(0, await ApplyAsync());

        Assert.DoesNotContain(await RowsAsync(), r => r.Event == AuditEvents.AuditRetentionApplied);
    }

    [Fact]
    public async Task The_job_runs_a_minute_after_start_and_then_every_hour_on_the_injected_clock()
    {
        using var job = new AuditRetentionJob(_host.Services.GetRequiredService<IServiceScopeFactory>(), _host.Time, NullLogger<AuditRetentionJob>.Instance);
        await SeedAsync(4, TimeSpan.FromDays(400));
        var started = _host.Time.GetUtcNow();
        await job.StartAsync(CancellationToken.None);

        // The job starts on a thread of its own; move the fake clock in small steps until its first run shows.
        await WaitForAsync(async () =>
        {
            _host.Time.Advance(TimeSpan.FromSeconds(5));
            return !(await RowsAsync()).Exists(r => r.Event == "old-or-new");
        });
        Assert.True(_host.Time.GetUtcNow() - started >= AuditRetentionJob.FirstRunDelay);

        // Rows that come of age half an hour later are gone at the next hourly run, not before.
        await SeedAsync(2, TimeSpan.FromDays(365) - TimeSpan.FromMinutes(30));
        var secondWave = _host.Time.GetUtcNow();
        await WaitForAsync(async () =>
        {
            _host.Time.Advance(TimeSpan.FromMinutes(1));
            return !(await RowsAsync()).Exists(r => r.Event == "old-or-new");
        });
        Assert.True(_host.Time.GetUtcNow() - secondWave >= TimeSpan.FromMinutes(30));

        await job.StopAsync(CancellationToken.None);
    }

    /// <summary>The job runs on a thread-pool continuation after the fake clock fires; wait for its effect, bounded.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(25);
        }
        Assert.Fail("The retention job did not run.");
    }
}
