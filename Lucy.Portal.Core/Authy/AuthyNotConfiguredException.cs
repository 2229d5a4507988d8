namespace Lucy.Portal.Core.Authy;

/// <summary>
/// Raised by the key handler before any socket opens when no key is configured; the call runner turns it into a
/// NotConfigured result. Not an HttpRequestException on purpose, so neither retry nor breaker counts it.
/// </summary>
public sealed class AuthyNotConfiguredException : Exception
{
    public AuthyNotConfiguredException()
        : base("No Authy API key is configured.")
    {
    }

    public AuthyNotConfiguredException(string message)
        : base(message)
    {
    }

    public AuthyNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
