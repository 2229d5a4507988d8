using Lucy.Portal.Core.SignIn;

namespace Lucy.Portal.Components.Account;

/// <summary>
/// The secret that ties a sign-in to the browser that passed the password step: issued with the two-factor cookie,
/// bound to the prompt's challenge (as a hash), and required when the grant is redeemed. Another browser that
/// passed the password step for the same user holds a different key, so a grant leaked from this one is useless there.
/// </summary>
internal static class SignInBrowserKey
{
    public const string CookieName = "Lucy.SignInBrowser";

    public static void Issue(HttpContext context) =>
        context.Response.Cookies.Append(CookieName, SignInChallenges.NewBrowserKey(), Options(context));

    public static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var key) && !string.IsNullOrEmpty(key) ? key : null;

    public static void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName, Options(context));

    // Only the account pages read it; it lives as long as the prompt it opens.
    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/Account",
        IsEssential = true,
        MaxAge = SignInChallenges.ChallengeLifetime,
    };
}
