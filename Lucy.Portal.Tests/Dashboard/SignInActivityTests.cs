using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Dashboard;

namespace Lucy.Portal.Tests.Dashboard;

public sealed class SignInActivityTests
{
    private static readonly TimeZoneInfo Zurich = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    [Fact]
    public async Task Sign_ins_fall_on_the_local_day_of_the_configured_time_zone()
    {
        // 10:00 UTC on 29 November is 11:00 in Zurich (UTC+1).
        await using var host = await DashboardTestHost.StartAsync(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        await host.AuditAsync(new DateTimeOffset(2026, 11, 28, 23, 30, 0, TimeSpan.Zero), AuditEvents.SignInCompleted); // 29th 00:30 local
        await host.AuditAsync(new DateTimeOffset(2026, 11, 28, 22, 59, 0, TimeSpan.Zero), AuditEvents.SignInCompleted); // 28th 23:59 local
        await host.AuditAsync(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero), AuditEvents.SignInCompleted);

        var figures = await host.WithAsync<SignInActivity, SignInActivityFigures>(s => s.ReadAsync(Zurich));

        Assert.Equal(30, figures.Days.Count);
        Assert.Equal(new DateOnly(2026, 11, 29), figures.Days[^1].Day);
        Assert.Equal(2, figures.Days[^1].Succeeded);
        Assert.Equal(new DateOnly(2026, 11, 28), figures.Days[^2].Day);
        Assert.Equal(1, figures.Days[^2].Succeeded);
    }

    [Fact]
    public async Task The_day_clocks_go_back_lasts_twenty_five_hours()
    {
        // Zurich left summer time on 25 October 2026: that day runs from 22:00 UTC on the 24th to 23:00 UTC on the 25th.
        await using var host = await DashboardTestHost.StartAsync(new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero));
        await host.AuditAsync(new DateTimeOffset(2026, 10, 24, 21, 59, 0, TimeSpan.Zero), AuditEvents.LockedOut, AuditOutcome.Failure); // 24th 23:59 CEST
        await host.AuditAsync(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero), AuditEvents.LockedOut, AuditOutcome.Failure);  // 25th 00:00 CEST
        await host.AuditAsync(new DateTimeOffset(2026, 10, 25, 22, 59, 0, TimeSpan.Zero), AuditEvents.LockedOut, AuditOutcome.Failure); // 25th 23:59 CET
        await host.AuditAsync(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero), AuditEvents.LockedOut, AuditOutcome.Failure);  // 26th 00:00 CET

        var days = (await host.WithAsync<SignInActivity, SignInActivityFigures>(s => s.ReadAsync(Zurich))).Days;

        Assert.Equal(1, days.Single(d => d.Day == new DateOnly(2026, 10, 24)).Locked);
        Assert.Equal(2, days.Single(d => d.Day == new DateOnly(2026, 10, 25)).Locked);
        Assert.Equal(1, days.Single(d => d.Day == new DateOnly(2026, 10, 26)).Locked);
    }

    [Fact]
    public async Task Each_kind_counts_its_own_audit_events_only()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var at = DashboardTestHost.DefaultNow.AddHours(-1);
        await host.AuditAsync(at, AuditEvents.SignInCompleted);
        await host.AuditAsync(at, AuditEvents.LoginPassword, AuditOutcome.Success); // a passed password step is no sign-in yet
        await host.AuditAsync(at, AuditEvents.LoginPassword, AuditOutcome.Failure);
        await host.AuditAsync(at, AuditEvents.LoginPassword, AuditOutcome.Failure);
        await host.AuditAsync(at, AuditEvents.LoginSecondFactor, AuditOutcome.Success);
        await host.AuditAsync(at, AuditEvents.LoginSecondFactor, AuditOutcome.Failure);
        await host.AuditAsync(at, AuditEvents.LockedOut, AuditOutcome.Failure);
        await host.AuditAsync(at, AuditEvents.Logout);
        await host.AuditAsync(DashboardTestHost.DefaultNow.AddDays(-31), AuditEvents.SignInCompleted); // before the window

        var today = (await host.WithAsync<SignInActivity, SignInActivityFigures>(s => s.ReadAsync(TimeZoneInfo.Utc))).Days[^1];

        Assert.Equal(new SignInDay(new DateOnly(2026, 11, 29), Succeeded: 1, FailedPassword: 2, FailedSecondFactor: 1, Locked: 1), today);
    }

    [Theory]
    [InlineData("America/Santiago", "2026-09-06", "2026-09-06T04:00:00Z")] // clocks skip from 00:00 to 01:00: the day starts at 01:00 (-03)
    [InlineData("Europe/Zurich", "2026-10-25", "2026-10-24T22:00:00Z")]
    public void A_day_starts_at_its_first_local_instant(string zone, string day, string start) =>
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            LocalDays.StartOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(zone)));
}
