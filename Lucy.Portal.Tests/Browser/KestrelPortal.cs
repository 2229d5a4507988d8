using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Browser;

/// <summary>The real portal on a real loopback port, for a real browser.</summary>
public class KestrelPortal : PortalFactory
{
    public KestrelPortal() => UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));

    public Uri BaseAddress { get; private set; } = default!;

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Outside Development, assets of packages (MudBlazor) are only found through the build's manifest.
        builder.UseStaticWebAssets();
    }
}
