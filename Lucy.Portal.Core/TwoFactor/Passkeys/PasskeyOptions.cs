using System.ComponentModel.DataAnnotations;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>
/// The relying party passkeys are bound to (configuration section <c>Passkeys</c>). The defaults work for development on
/// http://localhost; behind the TLS proxy set <see cref="ServerDomain"/> to the public host name (docs/passkeys.md).
/// </summary>
public sealed class PasskeyOptions
{
    public const string Section = "Passkeys";

    /// <summary>
    /// The relying party id: the host name users see in the address bar (no scheme, no port). A passkey works only on
    /// this host (and its subdomains), so changing it later orphans every passkey already created.
    /// </summary>
    [Required, RegularExpression(@"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$", ErrorMessage = "Passkeys:ServerDomain is a host name, such as portal.example.com.")]
    public string ServerDomain { get; set; } = "localhost";

    /// <summary>
    /// The exact origins (scheme, host and port) pages may run a passkey ceremony from, such as https://portal.example.com.
    /// Empty: https on <see cref="ServerDomain"/> (any port), or http as well when it is localhost.
    /// </summary>
    public string[] Origins { get; set; } = [];

    /// <summary>Whether a browser's reported origin (the <c>origin</c> of clientDataJSON, signed by the authenticator) is ours.</summary>
    public bool AllowsOrigin(string? origin)
    {
        if (string.IsNullOrEmpty(origin) || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/")
        {
            return false;
        }
        if (Origins.Length > 0)
        {
            return Origins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
        }
        var secure = uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && uri.Host == "localhost");
        return secure && string.Equals(uri.Host, ServerDomain, StringComparison.OrdinalIgnoreCase);
    }
}
