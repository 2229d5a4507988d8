using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Settings;

public class OutboundProxyTests
{
    [Fact]
    public void Printing_a_proxy_never_shows_its_password()
    {
        var proxy = new OutboundProxy(new Uri("http://proxy.example:3128"), "svc-lucy", "s3cret-proxy-pass");

        var text = proxy.ToString();

        Assert.DoesNotContain("s3cret-proxy-pass", text);
        Assert.Contains("proxy.example", text);
        Assert.Contains("svc-lucy", text);
    }
}
