using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Administration;

/// <summary>The audit log search behind the Audit Log page and its CSV export, over SQLite.</summary>
public sealed class AuditLogSearchTests : IAsyncLifetime
{
    private readonly SettingsTestHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SeedAsync(params AuditEvent[] rows)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEvents.AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static AuditEvent Row(string name, DateTimeOffset at, AuditOutcome outcome = AuditOutcome.Success, string? actor = null, string? subject = null) =>
        new() { Event = name, OccurredAt = at, Outcome = outcome, ActorEmail = actor, SubjectId = subject };

    private Task<AuditSearchResult> SearchAsync(AuditLogFilter filter, int skip = 0, int take = 100) =>
        _host.InScopeAsync(sp => sp.GetRequiredService<AuditLogSearch>().SearchAsync(filter, skip, take));

    private static readonly DateTimeOffset Noon = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Filters_combine_user_event_and_outcome()
    {
        await SeedAsync(
            Row(AuditEvents.LoginPassword, Noon, AuditOutcome.Failure, "alice@lucy.test"),
            Row(AuditEvents.LoginPassword, Noon, AuditOutcome.Success, "alice@lucy.test"),
            Row(AuditEvents.LoginPassword, Noon, AuditOutcome.Failure, "bob@lucy.test"),
            Row(AuditEvents.SmsRequested, Noon, AuditOutcome.Failure, "alice@lucy.test"));

        var page = await SearchAsync(new AuditLogFilter { User = "ALICE", Event = AuditEvents.LoginPassword, Outcome = AuditOutcome.Failure });

        var row = Assert.Single(page.Rows);
        Assert.Equal(1, page.Total);
        Assert.Equal("alice@lucy.test", row.ActorEmail);
    }

    [Fact]
    public async Task The_user_filter_also_finds_rows_about_the_user_done_by_someone_else()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.Users.Add(new PortalUser { Id = "carol-id", Email = "carol@lucy.test", NormalizedEmail = "CAROL@LUCY.TEST", UserName = "carol@lucy.test" });
            await db.SaveChangesAsync();
        }
        await SeedAsync(
            Row(AuditEvents.TwoFactorResetByAdministrator, Noon, actor: "admin@lucy.test", subject: "carol-id"),
            Row(AuditEvents.UserUnlocked, Noon, actor: "admin@lucy.test", subject: "someone-else"));

        var page = await SearchAsync(new AuditLogFilter { User = "carol" });

        Assert.Equal(AuditEvents.TwoFactorResetByAdministrator, Assert.Single(page.Rows).Event);
    }

    [Fact]
    public async Task The_user_filter_treats_like_wildcards_as_text()
    {
        await SeedAsync(Row(AuditEvents.LoginPassword, Noon, actor: "a_b@lucy.test"), Row(AuditEvents.LoginPassword, Noon, actor: "axb@lucy.test"));

        var page = await SearchAsync(new AuditLogFilter { User = "a_b" });

        Assert.Equal("a_b@lucy.test", Assert.Single(page.Rows).ActorEmail);
    }

    [Fact]
    public async Task Dates_are_whole_days_in_the_configured_time_zone()
    {
        Assert.True((await _host.SaveAsync(new DateTimeSection("Europe/Zurich", SettingsDefaults.DateFormat))).Succeeded);
        // 15 June in Zurich (UTC+2) runs from 14 June 22:00 to 15 June 22:00 UTC.
        await SeedAsync(
            Row("before", new DateTimeOffset(2026, 6, 14, 21, 59, 0, TimeSpan.Zero)),
            Row("first", new DateTimeOffset(2026, 6, 14, 22, 0, 0, TimeSpan.Zero)),
            Row("last", new DateTimeOffset(2026, 6, 15, 21, 59, 0, TimeSpan.Zero)),
            Row("after", new DateTimeOffset(2026, 6, 15, 22, 0, 0, TimeSpan.Zero)));

        var page = await SearchAsync(new AuditLogFilter { From = new DateOnly(2026, 6, 15), To = new DateOnly(2026, 6, 15) });

        Assert.Equal(["last", "first"], page.Rows.Select(r => r.Event));
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_finds_nothing_and_says_why()
    {
        await SeedAsync(Row(AuditEvents.LoginPassword, Noon));
        var filter = new AuditLogFilter { From = new DateOnly(2026, 6, 16), To = new DateOnly(2026, 6, 15) };

        var page = await SearchAsync(filter);

        Assert.Empty(page.Rows);
        Assert.Equal("The start date is after the end date.", filter.Problem);
    }

    [Fact]
    public async Task Pages_are_cut_in_sql_newest_first_with_the_total_of_all_matches()
    {
        await SeedAsync(Enumerable.Range(0, 60).Select(i => Row($"e{i:00}", Noon.AddMinutes(i))).ToArray());

        var second = await SearchAsync(AuditLogFilter.None, skip: 25, take: 25);

        Assert.Equal(60, second.Total);
        Assert.Equal(25, second.Rows.Count);
        Assert.Equal("e34", second.Rows[0].Event);
        Assert.Equal("e10", second.Rows[^1].Event);
    }

    [Fact]
    public async Task The_export_stream_returns_every_match_across_batches()
    {
        await SeedAsync(Enumerable.Range(0, 2100).Select(i => Row(i % 2 == 0 ? "even" : "odd", Noon)).ToArray());

        var rows = await _host.InScopeAsync(async sp =>
        {
            var search = sp.GetRequiredService<AuditLogSearch>();
            var list = new List<AuditEvent>();
            await foreach (var row in search.StreamAsync(new AuditLogFilter { Event = "even" }))
            {
                list.Add(row);
            }
            return list;
        });

        Assert.Equal(1050, rows.Count);
        Assert.Equal(1050, rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Every_audit_event_name_is_offered_in_the_event_filter()
    {
        Assert.Contains(AuditEvents.TwoFactorResetByAdministrator, AuditLogSearch.EventNames);
        Assert.Contains(AuditEvents.LoginPassword, AuditLogSearch.EventNames);
        Assert.Equal(AuditLogSearch.EventNames.Count, AuditLogSearch.EventNames.Distinct().Count());
    }
}
