using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Authy;

/// <summary>A proxy setting a test can change at run time.</summary>
public sealed class TestOutboundProxySource : IOutboundProxySource
{
    public OutboundProxy? Current { get; set; }
}
