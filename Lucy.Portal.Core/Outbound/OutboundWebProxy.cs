using System.Net;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Outbound;

/// <summary>
/// An IWebProxy that asks the settings for the proxy on every request, so a proxy saved in Advanced Settings
/// applies without restarting (SocketsHttpHandler calls IsBypassed/GetProxy per request). Reusable by any
/// outbound client.
/// </summary>
public sealed class OutboundWebProxy(IOutboundProxySource source) : IWebProxy
{
    public ICredentials? Credentials
    {
        get => source.Current is { UserName: { Length: > 0 } user } proxy ? new NetworkCredential(user, proxy.Password) : null;
        // Credentials come from the settings record only.
        set { }
    }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : source.Current?.Address;

    public bool IsBypassed(Uri host) => source.Current is null || host.IsLoopback;
}
