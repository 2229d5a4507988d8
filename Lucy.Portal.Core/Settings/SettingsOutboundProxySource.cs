namespace Lucy.Portal.Core.Settings;

/// <summary>The outbound proxy from the cached settings; null when the proxy is switched off.</summary>
internal sealed class SettingsOutboundProxySource(AdvancedSettingsCache cache) : IOutboundProxySource
{
    public OutboundProxy? Current
    {
        get
        {
            var current = cache.GetCurrent();
            var settings = current.Snapshot;
            return settings.ProxyEnabled && Uri.TryCreate(settings.ProxyUrl, UriKind.Absolute, out var address)
                ? new OutboundProxy(address, settings.ProxyUserName, current.ProxyPassword)
                : null;
        }
    }
}
