using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

public class OutboundWebProxyTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    [Fact]
    public async Task Calls_go_through_the_configured_proxy_and_follow_a_change_without_restart()
    {
        // Authy's host does not resolve here; only the proxy (the fake, which accepts absolute-form targets) is contacted.
        await using var host = AuthyTestHost.Create(new Uri("http://api.authy.invalid"));
        await using var secondProxy = await FakeAuthyServer.StartAsync();
        host.Proxy.Current = new OutboundProxy(Server.BaseAddress);

        var first = await host.Application.GetDetailsAsync();
        host.Proxy.Current = new OutboundProxy(secondProxy.BaseAddress);
        var second = await host.Application.GetDetailsAsync();

        Assert.Equal((AuthyStatus.Ok, AuthyStatus.Ok), (first.Status, second.Status));
        Assert.Equal("api.authy.invalid", Assert.Single(Server.Requests).Header("Host"));
        Assert.Equal("api.authy.invalid", Assert.Single(secondProxy.Requests).Header("Host"));
    }

    [Fact]
    public void Proxy_credentials_come_from_the_settings_record()
    {
        var source = new TestOutboundProxySource { Current = new OutboundProxy(new Uri("http://127.0.0.1:3128"), "svc", "s3cret") };
        var proxy = new OutboundWebProxy(source);

        var credential = proxy.Credentials?.GetCredential(new Uri("http://127.0.0.1:3128"), "Basic");

        Assert.Equal(("svc", "s3cret"), (credential?.UserName, credential?.Password));
        Assert.Equal(new Uri("http://127.0.0.1:3128"), proxy.GetProxy(new Uri("https://api.authy.com/")));
    }

    [Fact]
    public void No_proxy_configured_means_direct()
    {
        var proxy = new OutboundWebProxy(new TestOutboundProxySource());

        Assert.True(proxy.IsBypassed(new Uri("https://api.authy.com/")));
        Assert.Null(proxy.GetProxy(new Uri("https://api.authy.com/")));
        Assert.Null(proxy.Credentials);
    }
}
