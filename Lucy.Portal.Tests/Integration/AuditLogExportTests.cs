using System.Net;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>GET /system/audit-log/export: the filtered rows as CSV, for administrators only.</summary>
public class AuditLogExportTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<PortalSession> SignInAsync(string email)
    {
        var session = _portal.CreateSession();
        using var login = await session.LoginAsync(email, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");
        return session;
    }

    private async Task WriteAsync(AuditEntry entry)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync(entry);
    }

    [Fact]
    public async Task An_administrator_downloads_the_filtered_rows_as_formula_safe_csv_and_the_export_is_audited()
    {
        await WriteAsync(new AuditEntry(AuditEvents.LoginPassword, AuditOutcome.Failure) { ActorEmail = "=evil()@lucy.test", Detail = "wrong, again" });
        await WriteAsync(new AuditEntry(AuditEvents.LoginPassword, AuditOutcome.Success) { ActorEmail = "fine@lucy.test" });
        using var admin = await SignInAsync(PortalFactory.AdminEmail);

        using var export = await admin.GetAsync("/system/audit-log/export?event=login.password&outcome=Failure");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", export.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var csv = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Time,Event,Outcome,Actor,Actor id,Subject id,IP address,Detail", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",login.password,Failure,'=evil()@lucy.test,", row);
        Assert.EndsWith("\"wrong, again\"", row);
        await using var scope = _portal.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().RecentAsync(5);
        Assert.Contains(audit, e => e.Event == AuditEvents.AuditExported && e.ActorEmail == PortalFactory.AdminEmail);
    }

    [Fact]
    public async Task A_plain_user_cannot_export_the_audit_log()
    {
        using var user = await SignInAsync(PortalFactory.UserEmail);

        using var export = await user.GetAsync("/system/audit-log/export");

        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain("Time,Event", await export.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_login()
    {
        using var anonymous = _portal.CreateSession();

        using var export = await anonymous.GetAsync("/system/audit-log/export");

        ResponseAssert.RedirectsTo(export, "/Account/Login");
    }

    [Theory]
    [InlineData("from=15.06.2026")]
    [InlineData("outcome=Maybe")]
    [InlineData("from=2026-06-16&to=2026-06-15")]
    public async Task A_malformed_filter_is_refused_rather_than_exporting_more(string query)
    {
        using var admin = await SignInAsync(PortalFactory.AdminEmail);

        using var export = await admin.GetAsync("/system/audit-log/export?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
    }

    [Fact]
    public async Task In_German_the_export_keeps_the_invariant_names_and_a_refusal_is_explained_in_German()
    {
        await WriteAsync(new AuditEntry(AuditEvents.LoginPassword, AuditOutcome.Failure) { ActorEmail = "alice@lucy.test" });
        using var admin = await SignInAsync(PortalFactory.AdminEmail);
        admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-CH");

        using var export = await admin.GetAsync("/system/audit-log/export?event=login.password&outcome=Failure");
        using var refused = await admin.GetAsync("/system/audit-log/export?from=15.06.2026");

        var lines = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Time,Event,Outcome,Actor,Actor id,Subject id,IP address,Detail", lines[0]);
        Assert.Contains(",login.password,Failure,alice@lucy.test,", Assert.Single(lines.Skip(1)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Der Filter ist ungültig", await refused.Content.ReadAsStringAsync());
    }
}
