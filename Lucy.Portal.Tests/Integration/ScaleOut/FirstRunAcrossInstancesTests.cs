using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Xunit.Abstractions;
using Microsoft.Data.Sqlite;

namespace Lucy.Portal.Tests.Integration.ScaleOut;

/// <summary>First-run setup raced from many browsers across two portal processes on one database.</summary>
public class FirstRunAcrossInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Browsers = 20;

    private PortalInstances _instances = default!;

    public async Task InitializeAsync() => _instances = await PortalInstances.StartAsync();

    public async Task DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task Twenty_setup_posts_racing_on_two_instances_create_exactly_one_administrator()
    {
        // Every browser loads the form first (its own antiforgery token), half of them from each instance.
        var browsers = new List<(PortalSession Session, string Token, string Email)>();
        for (var i = 0; i < Browsers; i++)
        {
            var session = _instances.CreateSession(i % 2 == 0 ? _instances.A : _instances.B);
            using var form = await session.GetAsync("/setup");
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
            browsers.Add((session, PortalSession.AntiforgeryToken(await form.Content.ReadAsStringAsync()), $"admin{i}@lucy.test"));
        }

        using var barrier = new Barrier(Browsers);
        var posts = browsers.Select(browser => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = browser.Token,
                ["_handler"] = "setup",
                ["Input.Email"] = browser.Email,
                ["Input.Password"] = PortalFactory.Password,
                ["Input.ConfirmPassword"] = PortalFactory.Password,
            });
            using var response = await browser.Session.Client.PostAsync("/setup", content);
            return (response.StatusCode, Location: response.Headers.Location?.OriginalString, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        var answers = await Task.WhenAll(posts);
        foreach (var browser in browsers)
        {
            browser.Session.Dispose();
        }

        var administrators = await CountAdministratorsAsync();
        output.WriteLine($"administrators created by the race: {administrators}; answers: "
            + string.Join(", ", answers.GroupBy(a => (int)a.StatusCode).Select(g => $"{g.Count()} × {g.Key}")));
        Assert.True(administrators == 1, $"administrators created by the race: {administrators}\n{_instances.Output}");
        var winners = answers.Count(a => a.StatusCode == HttpStatusCode.Redirect && a.Location!.Contains("Account/Login", StringComparison.Ordinal));
        Assert.Equal(1, winners);
        // Everyone else is told the portal is set up already; nobody gets an error page.
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect), loser =>
        {
            Assert.True(loser.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"A losing setup post got {(int)loser.StatusCode}.");
            Assert.Contains("already", loser.Body, StringComparison.OrdinalIgnoreCase);
        });
    }

    private async Task<long> CountAdministratorsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_instances.DatabasePath}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = """
            SELECT COUNT(*) FROM AspNetUserRoles AS ur JOIN AspNetRoles AS r ON r.Id = ur.RoleId WHERE r.Name = $role
            """;
        count.Parameters.AddWithValue("$role", PortalRoles.Administrator);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
