using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Outbound;

/// <summary>Stand-in until the settings implementation is registered: outbound calls go direct.</summary>
internal sealed class DirectOutboundProxySource : IOutboundProxySource
{
    public OutboundProxy? Current => null;
}
