using Bunit;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Tests.Components.Settings;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Lucy.Portal.Tests.Components.Audit;

/// <summary>The Audit Log page's filters, paging and export link, over the real search and in-memory SQLite.</summary>
public class AuditLogPageTests : SettingsComponentTestBase
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private async Task SeedAsync(params AuditEvent[] rows)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEvents.AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static AuditEvent Row(string actor, AuditOutcome outcome, DateTimeOffset? at = null) =>
        new() { Event = AuditEvents.LoginPassword, ActorEmail = actor, Outcome = outcome, OccurredAt = at ?? Noon };

    /// <summary>The user field filters as the user types (debounced), so it listens to input, not change.</summary>
    private static void TypeUser(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, string text) =>
        cut.Find("input[data-testid=audit-filter-user], [data-testid=audit-filter-user] input").Input(text);

    private static string TableOf(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut) => cut.Find("[data-testid=audit-table]").TextContent;

    [Fact]
    public async Task Typing_part_of_an_email_shows_only_that_users_rows()
    {
        await SeedAsync(Row("alice@lucy.test", AuditOutcome.Success), Row("bob@lucy.test", AuditOutcome.Success));
        var cut = RenderWithProviders<AuditLogPage>();
        cut.WaitForAssertion(() => Assert.Contains("bob@lucy.test", TableOf(cut)));

        TypeUser(cut, "alice");

        // The field waits for a pause in typing (300 ms) before it filters.
        cut.WaitForAssertion(() =>
        {
            Assert.Contains("alice@lucy.test", TableOf(cut));
            Assert.DoesNotContain("bob@lucy.test", TableOf(cut));
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Choosing_an_outcome_shows_only_rows_with_it()
    {
        await SeedAsync(Row("failed@lucy.test", AuditOutcome.Failure), Row("worked@lucy.test", AuditOutcome.Success));
        var cut = RenderWithProviders<AuditLogPage>();
        cut.WaitForAssertion(() => Assert.Contains("worked@lucy.test", TableOf(cut)));

        var outcome = cut.FindComponent<MudSelect<AuditOutcome?>>();
        await cut.InvokeAsync(() => outcome.Instance.ValueChanged.InvokeAsync(AuditOutcome.Failure));

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("failed@lucy.test", TableOf(cut));
            Assert.DoesNotContain("worked@lucy.test", TableOf(cut));
        });
    }

    [Fact]
    public async Task A_date_range_keeps_only_rows_of_those_days()
    {
        await SeedAsync(Row("june14@lucy.test", AuditOutcome.Success, Noon.AddDays(-1)), Row("june15@lucy.test", AuditOutcome.Success));
        var cut = RenderWithProviders<AuditLogPage>();
        cut.WaitForAssertion(() => Assert.Contains("june14@lucy.test", TableOf(cut)));

        ChangeInput(cut, "audit-filter-from", "2026-06-15");
        ChangeInput(cut, "audit-filter-to", "2026-06-15");

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("june15@lucy.test", TableOf(cut));
            Assert.DoesNotContain("june14@lucy.test", TableOf(cut));
        });
    }

    [Fact]
    public async Task A_malformed_date_says_so_and_keeps_the_rows_shown()
    {
        await SeedAsync(Row("alice@lucy.test", AuditOutcome.Success));
        var cut = RenderWithProviders<AuditLogPage>();
        cut.WaitForAssertion(() => Assert.Contains("alice@lucy.test", TableOf(cut)));

        ChangeInput(cut, "audit-filter-from", "15.06.2026");

        cut.WaitForAssertion(() => Assert.Contains("Enter a date as yyyy-mm-dd.", cut.Markup));
        Assert.Contains("alice@lucy.test", TableOf(cut));
    }

    [Fact]
    public async Task A_start_after_the_end_is_explained_and_not_applied()
    {
        await SeedAsync(Row("alice@lucy.test", AuditOutcome.Success));
        var cut = RenderWithProviders<AuditLogPage>();
        cut.WaitForAssertion(() => Assert.Contains("alice@lucy.test", TableOf(cut)));

        ChangeInput(cut, "audit-filter-to", "2026-06-15");
        ChangeInput(cut, "audit-filter-from", "2026-06-16");

        cut.WaitForAssertion(() => Assert.Contains("The start date is after the end date.", cut.Find("[data-testid=audit-filter-problem]").TextContent));
        Assert.Contains("alice@lucy.test", TableOf(cut));
    }

    [Fact]
    public async Task The_table_pages_on_the_server_and_shows_the_total()
    {
        await SeedAsync(Enumerable.Range(0, 30).Select(i => Row($"user{i:00}@lucy.test", AuditOutcome.Success, Noon.AddMinutes(i))).ToArray());

        var cut = RenderWithProviders<AuditLogPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(25, cut.FindAll("[data-testid=audit-table] tbody tr").Count);
            Assert.Contains("user29@lucy.test", TableOf(cut));
            Assert.DoesNotContain("user04@lucy.test", TableOf(cut));
            Assert.Contains("of 30", cut.Markup);
        });
    }
}
