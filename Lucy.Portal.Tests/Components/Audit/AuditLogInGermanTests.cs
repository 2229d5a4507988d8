using System.Globalization;
using System.Resources;
using Bunit;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Localization;
using Lucy.Portal.Resources;
using Lucy.Portal.Tests.Components.Settings;
using Lucy.Portal.Tests.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lucy.Portal.Tests.Components.Audit;

/// <summary>The audit log in German: translated page and event names, while the stored names stay as they are.</summary>
public sealed class AuditLogInGermanTests : SettingsComponentTestBase
{
    private readonly IDisposable german = StrictLocalization.UseCulture("de");

    protected override void Dispose(bool disposing)
    {
        german.Dispose();
        base.Dispose(disposing);
    }

    private async Task SeedAsync(params AuditEvent[] rows)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.AuditEvents.AddRange(rows);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_page_event_names_and_outcomes_read_in_German_with_the_stored_name_beside_them()
    {
        await SeedAsync(
            new AuditEvent { Event = AuditEvents.LoginPassword, Outcome = AuditOutcome.Failure, ActorEmail = "alice@lucy.test", OccurredAt = DateTimeOffset.UnixEpoch },
            new AuditEvent { Event = AuditEvents.SettingsChanged, Outcome = AuditOutcome.Success, ActorEmail = "admin@lucy.test", OccurredAt = DateTimeOffset.UnixEpoch });

        var cut = RenderWithProviders<AuditLogPage>();

        cut.WaitForAssertion(() => Assert.Contains("alice@lucy.test", cut.Find("[data-testid=audit-table]").TextContent));
        var table = cut.Find("[data-testid=audit-table]").TextContent;
        foreach (var text in new[] { "Zeit", "Ereignis", "Ergebnis", "Wer", "Anmeldung mit Passwort", "Einstellung geändert", "Fehlschlag", "Erfolg", "login.password", "settings.changed", "von 2" })
        {
            Assert.Contains(text, table);
        }
        Assert.Contains("Audit-Protokoll", cut.Markup);
        Assert.Contains("CSV exportieren", cut.Markup);
        Assert.Contains("Daten sind ganze Tage in der Zeitzone des Portals (UTC)", cut.Markup);
        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup);
    }

    [Fact]
    public void An_empty_log_and_a_malformed_date_are_explained_in_German()
    {
        var cut = RenderWithProviders<AuditLogPage>();
        cut.WaitForAssertion(() => Assert.Equal("Keine Ereignisse entsprechen dem Filter.", cut.Find("[data-testid=audit-no-rows]").TextContent));

        ChangeInput(cut, "audit-filter-from", "15.06.2026");

        cut.WaitForAssertion(() => Assert.Contains("Geben Sie ein Datum im Format JJJJ-MM-TT ein.", cut.Markup));
        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup);
    }

    [Fact]
    public void The_event_filter_lists_the_German_names()
    {
        var cut = RenderWithProviders<AuditLogPage>();

        cut.Find("[data-testid=audit-filter-event] .mud-select-input, [data-testid=audit-filter-event]").MouseDown();

        cut.WaitForAssertion(() => Assert.Contains("Audit-Protokoll exportiert", cut.Markup));
        Assert.Contains("Erster Administrator erstellt", cut.Markup);
        Assert.DoesNotContain(StrictLocalization.MissingMarker, cut.Markup);
    }

    [Fact]
    public void An_event_this_version_does_not_know_shows_its_stored_name()
    {
        var text = Services.GetRequiredService<IStringLocalizer<AuditText>>();

        Assert.Equal("legacy.removed-event", text.Display("legacy.removed-event"));
        Assert.Equal("Benutzer erstellt", text.Display(AuditEvents.UserCreated));
    }
}

/// <summary>Every audit event and outcome has its own display name in every language the portal speaks.</summary>
public sealed class AuditEventNamesTests
{
    private static readonly ResourceManager Resources = new(typeof(AuditText));

    public static TheoryData<string> Languages() => [.. PortalCultures.Supported];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_audit_event_kind_has_a_display_name(string language)
    {
        var set = Resources.GetResourceSet(CultureFor(language), createIfNotExists: true, tryParents: false)!;
        var missing = AuditLogSearch.EventNames.Where(name => string.IsNullOrWhiteSpace(set.GetString(AuditEventNames.KeyByEvent[name]))).ToList();
        Assert.True(missing.Count == 0, $"{language} has no display name for: {string.Join(", ", missing)}");
        foreach (var outcome in Enum.GetValues<AuditOutcome>())
        {
            Assert.False(string.IsNullOrWhiteSpace(set.GetString(AuditEventNames.KeyOf(outcome))), $"{language} has no name for {outcome}");
        }
    }

    [Fact]
    public void Every_event_name_is_mapped_to_a_key_and_no_two_events_share_one()
    {
        Assert.Equal(AuditLogSearch.EventNames.Order(StringComparer.Ordinal), AuditEventNames.KeyByEvent.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(AuditEventNames.KeyByEvent.Count, AuditEventNames.KeyByEvent.Values.Distinct().Count());
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("it")]
    public void Translated_event_names_differ_from_one_another(string language)
    {
        var set = Resources.GetResourceSet(CultureFor(language), createIfNotExists: true, tryParents: false)!;
        var names = AuditEventNames.KeyByEvent.Values.Select(set.GetString).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    // English is the neutral language: its texts live in the main assembly, not a satellite.
    private static CultureInfo CultureFor(string language) =>
        language == PortalCultures.Default ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
}
