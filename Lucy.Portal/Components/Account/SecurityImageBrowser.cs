using System.Security.Cryptography;

namespace Lucy.Portal.Components.Account;

/// <summary>
/// The cookie that ties a security image to the browser it was shown in: a random value, HttpOnly and SameSite=Strict.
/// A challenge id copied into another browser finds no image and no answer there.
/// </summary>
internal static class SecurityImageBrowser
{
    public const string CookieName = "Lucy.SecurityImage";

    /// <summary>The browser's binding value, creating the cookie when the browser has none yet.</summary>
    public static string GetOrCreateBinding(HttpContext context)
    {
        if (ReadBinding(context) is { } existing)
        {
            return existing;
        }
        var binding = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(CookieName, binding, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
        return binding;
    }

    public static string? ReadBinding(HttpContext context) =>
        context.Request.Cookies[CookieName] is { Length: 64 } value ? value : null;
}
