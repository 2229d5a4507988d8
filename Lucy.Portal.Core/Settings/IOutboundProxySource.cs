namespace Lucy.Portal.Core.Settings;

/// <summary>The proxy for outbound calls (Authy, Twilio) as currently configured; read synchronously by an IWebProxy.</summary>
public interface IOutboundProxySource
{
    /// <summary>Null when outbound calls go direct.</summary>
    OutboundProxy? Current { get; }
}

/// <summary>An outbound HTTP proxy with optional credentials.</summary>
public sealed record OutboundProxy(Uri Address, string? UserName = null, string? Password = null)
{
    // A record prints every property; logging a proxy must never print its password.
    public override string ToString() => $"OutboundProxy {{ Address = {Address}, UserName = {UserName}, Password = {(Password is null ? "none" : "***")} }}";
}
