using System.Net;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The recorder sees the whole process, so these tests run alone: no other test may talk to a fake meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PrivacyProofCollection
{
    public const string Name = "Privacy proof (runs alone)";
}

/// <summary>
/// The privacy promise of the private default: with no 2FA key the portal opens no outbound connection at all, and
/// with a key it talks only to Authy (here the fake on loopback, standing in for api.authy.com).
/// </summary>
[Collection(PrivacyProofCollection.Name)]
public sealed class PrivacyProofTests : IAsyncLifetime
{
    private readonly OutboundTrafficRecorder _recorder = new();
    private readonly PortalFactory _portal = new();
    private FakeAuthyServer _authy = default!;

    public async Task InitializeAsync() => _authy = await FakeAuthyServer.StartAsync();

    public async Task DisposeAsync()
    {
        _recorder.Dispose();
        await _portal.DisposeAsync();
        await _authy.DisposeAsync();
    }

    /// <summary>Password step of the administrator and the user, then the settings page and the account pages.</summary>
    private async Task BrowsePortalAsync()
    {
        foreach (var (email, pages) in new[]
        {
            (PortalFactory.AdminEmail, new[] { "/", "/system/advanced-settings", "/account" }),
            (PortalFactory.UserEmail, new[] { "/", "/account" }),
        })
        {
            using var session = _portal.CreateSession();
            using var login = await session.LoginAsync(email, PortalFactory.Password);
            ResponseAssert.RedirectsTo(login, "/");
            foreach (var page in pages)
            {
                using var response = await session.GetAsync(page);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            using var logout = await session.LogoutAsync();
        }
    }

    [Fact]
    public async Task The_recorder_sees_an_http_request_its_socket_connect_and_a_dns_lookup()
    {
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(_authy.BaseAddress, "/protected/json/app/details"));
        await Dns.GetHostAddressesAsync("localhost");

        var attempts = _recorder.Attempts;
        var port = _authy.BaseAddress.Port;
        Assert.Contains(attempts, a => a.Source.StartsWith("HttpHandlerDiagnosticListener", StringComparison.Ordinal) && a.Port == port);
        Assert.Contains(attempts, a => a.Source == "System.Net.Http" && a.Port == port);
        Assert.Contains(attempts, a => a.Source == "Experimental.System.Net.Sockets" && a.Host == "127.0.0.1" && a.Port == port);
        Assert.Contains(attempts, a => a.Source == "Experimental.System.Net.NameResolution" && a.Host == "localhost");
    }

    [Fact]
    public async Task With_no_key_login_settings_and_account_pages_open_no_outbound_connection()
    {
        await _portal.SeedAccountsAsync();

        await BrowsePortalAsync();

        Assert.True(_recorder.Attempts.Count == 0, "Outbound traffic without a key: " + string.Join(" | ", _recorder.Attempts));
        Assert.Empty(_authy.Requests);
    }

    [Fact]
    public async Task With_a_key_the_portal_talks_to_authy_and_to_nothing_else()
    {
        _portal.UseFakeAuthy(_authy);
        await _portal.SeedAccountsAsync();
        await BrowsePortalAsync();

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<AuthyKeySettings>()
                .SetKeyAsync(FakeAuthyServer.DefaultApiKey, new SettingsActor("admin-id", PortalFactory.AdminEmail));
            Assert.True(saved.Succeeded, saved.Message);
            var details = await scope.ServiceProvider.GetRequiredService<AuthyApplicationProbe>().GetDetailsAsync();
            Assert.Equal(AuthyStatus.Ok, details.Status);
        }
        await BrowsePortalAsync();

        var attempts = _recorder.Attempts;
        Assert.NotEmpty(attempts);
        Assert.Contains(attempts, a => a.Source == "Experimental.System.Net.Sockets");
        var authy = _authy.BaseAddress;
        var elsewhere = attempts.Where(a => a.Host != authy.Host || (a.Port is { } port && port != authy.Port)).ToList();
        Assert.True(elsewhere.Count == 0, "Outbound traffic not to Authy: " + string.Join(" | ", elsewhere));
    }
}
