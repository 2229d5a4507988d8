using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Administration;

public class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+41 79 123", "'+41 79 123")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_cell_is_escaped_and_never_read_as_a_formula(string? value, string expected) =>
        Assert.Equal(expected, AuditCsv.Cell(value));

    [Fact]
    public async Task The_export_has_a_header_and_one_crlf_line_per_row_in_the_configured_zone()
    {
        var rows = new[]
        {
            new AuditEvent
            {
                Id = 1, Event = AuditEvents.LoginPassword, Outcome = AuditOutcome.Failure, ActorEmail = "=cmd@lucy.test",
                IpAddress = "10.0.0.1", Detail = "wrong password, twice", OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            },
        }.ToAsyncEnumerable();
        using var writer = new StringWriter();

        await AuditCsv.WriteAsync(writer, rows, DateDisplayFormat.For("Europe/Zurich", "yyyy-MM-dd HH:mm:ss"));

        Assert.Equal(
            "Time,Event,Outcome,Actor,Actor id,Subject id,IP address,Detail\r\n"
            + "2026-01-02 04:04:05,login.password,Failure,'=cmd@lucy.test,,,10.0.0.1,\"wrong password, twice\"\r\n",
            writer.ToString());
    }
}

public class AuditLogFilterQueryTests
{
    [Fact]
    public void A_filter_round_trips_through_the_export_query_string()
    {
        var filter = new AuditLogFilter
        {
            User = "a&b@lucy.test", Event = AuditEvents.LoginPassword, Outcome = AuditOutcome.Failure,
            From = new DateOnly(2026, 6, 1), To = new DateOnly(2026, 6, 30),
        };

        var query = Lucy.Portal.Components.Pages.SystemSettings.AuditLogFilterQuery.ToQuery(filter);

        Assert.Equal("?user=a%26b@lucy.test&event=login.password&outcome=Failure&from=2026-06-01&to=2026-06-30", query);
        var parsed = Lucy.Portal.Components.Pages.SystemSettings.AuditLogFilterQuery.FromQuery(
            new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));
        Assert.Equal(filter, parsed);
    }

    [Fact]
    public void No_filter_is_an_empty_query() =>
        Assert.Equal("", Lucy.Portal.Components.Pages.SystemSettings.AuditLogFilterQuery.ToQuery(AuditLogFilter.None));
}
