using System.Net;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration;

public class AuthorizationTests : IClassFixture<AuthorizationTests.SeededPortal>
{
    private readonly SeededPortal _portal;

    public AuthorizationTests(SeededPortal portal) => _portal = portal;

    public sealed class SeededPortal : PortalFactory, IAsyncLifetime
    {
        public Task InitializeAsync() => SeedAccountsAsync();

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
    }

    public static TheoryData<string, string, string> Matrix => new()
    {
        // page, who, expected: "ok", "login" (redirect to login), "denied" (access denied)
        { "/", "anonymous", "login" },
        { "/account", "anonymous", "login" },
        { "/users", "anonymous", "login" },
        { "/system/advanced-settings", "anonymous", "login" },
        { "/system/audit-log", "anonymous", "login" },
        { "/system/audit-log", "user", "denied" },
        { "/system/audit-log", "admin", "ok" },
        { "/Account/ChangePassword", "anonymous", "login" },
        { "/", "user", "ok" },
        { "/account", "user", "ok" },
        { "/users", "user", "denied" },
        { "/system/advanced-settings", "user", "denied" },
        { "/Account/ChangePassword", "user", "ok" },
        { "/", "admin", "ok" },
        { "/account", "admin", "ok" },
        { "/users", "admin", "ok" },
        { "/system/advanced-settings", "admin", "ok" },
        { "/Account/ChangePassword", "admin", "ok" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_page_admits_only_its_roles(string page, string who, string expected)
    {
        using var session = _portal.CreateSession();
        if (who != "anonymous")
        {
            using var login = await session.LoginAsync(who == "admin" ? PortalFactory.AdminEmail : PortalFactory.UserEmail, PortalFactory.Password);
            ResponseAssert.RedirectsTo(login, "/");
        }

        using var response = await session.GetAsync(page);

        switch (expected)
        {
            case "ok":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            case "login":
                ResponseAssert.RedirectsTo(response, "/Account/Login");
                break;
            default:
                ResponseAssert.RedirectsTo(response, "/Account/AccessDenied");
                break;
        }
    }

    [Fact]
    public async Task Health_reports_the_database_and_the_provider_to_anyone()
    {
        using var session = _portal.CreateSession();

        using var response = await session.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy","provider":"Healthy"},"provider":{"name":"BuiltInAuthenticator","configured":true,"breaker":"closed","lastError":"","lastErrorAt":""}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Responses_forbid_framing_and_sniffing()
    {
        using var session = _portal.CreateSession();

        using var response = await session.GetAsync("/Account/Login");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
