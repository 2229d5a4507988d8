using System.Net;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

public class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Proxy = "10.20.0.5";
    private const string Client = "198.51.100.7";
    private readonly PeerAddressPortal _portal = new();

    public Task InitializeAsync()
    {
        _portal.Settings["RateLimits:SignInPerMinute"] = "3";
        _portal.Settings["ForwardedHeaders:KnownProxies:0"] = Proxy;
        // What docker-compose used to set: the host then trusts X-Forwarded-* from anyone unless the portal says otherwise.
        _portal.Settings["FORWARDEDHEADERS_ENABLED"] = "true";
        return _portal.SeedAccountsAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static async Task<HttpStatusCode> WrongPasswordAsync(PortalSession session, string? forwardedFor, string email = PortalFactory.UserEmail)
    {
        session.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        if (forwardedFor is not null)
        {
            session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        using var response = await session.LoginAsync(email, "not the password");
        return response.StatusCode;
    }

    private async Task<string?> AuditedAddressOfLoginAsync(string email)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var recent = await scope.ServiceProvider.GetRequiredService<AuditLog>().RecentAsync(50);
        return recent.First(e => e.Event == AuditEvents.LoginPassword && e.ActorEmail == email).IpAddress;
    }

    [Fact]
    public async Task A_forged_forwarded_address_from_an_untrusted_client_opens_no_fresh_rate_limit_bucket()
    {
        using var attacker = _portal.CreateSession(Client);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await WrongPasswordAsync(attacker, $"203.0.113.{i}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongPasswordAsync(attacker, "203.0.113.99"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongPasswordAsync(attacker, "2001:db8::99"));
    }

    [Fact]
    public async Task A_forged_forwarded_address_from_an_untrusted_client_is_not_the_audited_address()
    {
        using var attacker = _portal.CreateSession(Client);

        await WrongPasswordAsync(attacker, "203.0.113.66", "nobody@lucy.test");

        Assert.Equal(Client, await AuditedAddressOfLoginAsync("nobody@lucy.test"));
    }

    [Fact]
    public async Task The_configured_proxy_forwards_each_clients_address_to_the_audit_log_and_the_rate_limit()
    {
        using var viaProxy = _portal.CreateSession(Proxy);
        await WrongPasswordAsync(viaProxy, "203.0.113.66", "first@lucy.test");
        Assert.Equal("203.0.113.66", await AuditedAddressOfLoginAsync("first@lucy.test"));

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await WrongPasswordAsync(viaProxy, "203.0.113.66"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongPasswordAsync(viaProxy, "203.0.113.66"));
        Assert.Equal(HttpStatusCode.OK, await WrongPasswordAsync(viaProxy, "203.0.113.67"));
    }

    [Fact]
    public async Task A_client_behind_the_proxy_cannot_prepend_its_own_forwarded_address()
    {
        using var viaProxy = _portal.CreateSession(Proxy);

        // The proxy appends the address it saw; whatever the client sent comes first and is ignored.
        await WrongPasswordAsync(viaProxy, "192.0.2.1, 203.0.113.66", "chained@lucy.test");

        Assert.Equal("203.0.113.66", await AuditedAddressOfLoginAsync("chained@lucy.test"));
    }

    [Fact]
    public async Task Once_proxies_are_configured_loopback_is_no_longer_trusted()
    {
        using var local = _portal.CreateSession("127.0.0.1");

        await WrongPasswordAsync(local, "203.0.113.66", "local@lucy.test");

        Assert.Equal("127.0.0.1", await AuditedAddressOfLoginAsync("local@lucy.test"));
    }

    [Fact]
    public async Task Two_ipv6_clients_in_one_64_share_one_rate_limit_bucket()
    {
        using var first = _portal.CreateSession("2001:db8:1:2::1");
        using var neighbour = _portal.CreateSession("2001:db8:1:2:ffff:ffff:ffff:9");
        using var otherNetwork = _portal.CreateSession("2001:db8:1:3::1");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await WrongPasswordAsync(first, null));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await WrongPasswordAsync(neighbour, null));
        Assert.Equal(HttpStatusCode.OK, await WrongPasswordAsync(otherNetwork, null));
    }
}

public class DefaultForwardedHeadersTests : IAsyncLifetime
{
    private readonly PeerAddressPortal _portal = new();

    public Task InitializeAsync() => _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<string?> AuditedAddressAsync(string peer, string email)
    {
        using var session = _portal.CreateSession(peer);
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.66");
        (await session.LoginAsync(email, "not the password")).Dispose();
        await using var scope = _portal.Services.CreateAsyncScope();
        var recent = await scope.ServiceProvider.GetRequiredService<AuditLog>().RecentAsync(50);
        return recent.First(e => e.Event == AuditEvents.LoginPassword && e.ActorEmail == email).IpAddress;
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    public async Task Without_configuration_a_proxy_on_loopback_is_trusted(string peer) =>
        Assert.Equal("203.0.113.66", await AuditedAddressAsync(peer, "loopback@lucy.test"));

    [Theory]
    [InlineData("10.0.0.2")]
    [InlineData("172.17.0.1")]
    [InlineData("2001:db8::5")]
    public async Task Without_configuration_no_other_address_is_trusted(string peer) =>
        Assert.Equal(peer, await AuditedAddressAsync(peer, "other@lucy.test"));
}

public class ConfiguredNetworksForwardedHeadersTests : IAsyncLifetime
{
    private readonly PeerAddressPortal _portal = new();

    public Task InitializeAsync()
    {
        // One comma-separated value, as an environment variable would carry it.
        _portal.Settings["ForwardedHeaders:KnownNetworks"] = "10.30.0.0/24, 2001:db8:aa::/48";
        return _portal.SeedAccountsAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Theory]
    [InlineData("10.30.0.9", "203.0.113.66")]
    // Kestrel on [::] (as in the container) reports IPv4 peers in this form.
    [InlineData("::ffff:10.30.0.9", "203.0.113.66")]
    [InlineData("2001:db8:aa:1::2", "203.0.113.66")]
    [InlineData("10.30.1.9", "10.30.1.9")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    public async Task Only_peers_in_the_configured_networks_forward_an_address(string peer, string audited)
    {
        using var session = _portal.CreateSession(peer);
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.66");
        (await session.LoginAsync("network@lucy.test", "not the password")).Dispose();

        await using var scope = _portal.Services.CreateAsyncScope();
        var recent = await scope.ServiceProvider.GetRequiredService<AuditLog>().RecentAsync(50);
        Assert.Equal(audited, recent.First(e => e.Event == AuditEvents.LoginPassword && e.ActorEmail == "network@lucy.test").IpAddress);
    }

    [Fact]
    public async Task A_proxy_entry_that_is_not_an_address_stops_the_portal_at_startup_with_its_name()
    {
        await using var portal = new PeerAddressPortal();
        portal.Settings["ForwardedHeaders:KnownProxies:0"] = "proxy.example";

        var error = Assert.ThrowsAny<Exception>(() => portal.Services);

        Assert.Contains("ForwardedHeaders:KnownProxies holds \"proxy.example\"", error.ToString());
    }
}
