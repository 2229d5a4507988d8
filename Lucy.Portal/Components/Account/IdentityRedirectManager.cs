using Microsoft.AspNetCore.Components;

namespace Lucy.Portal.Components.Account;

/// <summary>Redirects from the static account pages, refusing open redirects, with an optional one-shot status message.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Lucy.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(10),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    /// <summary>Only a path on this site is followed; anything else (another host, "//host", "/\\host") goes home.</summary>
    public static string LocalOrHome(string? uri) =>
        uri is not null && Uri.IsWellFormedUriString(uri, UriKind.Relative)
            && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal)
            && !uri.Contains(':', StringComparison.Ordinal)
            ? uri
            : "/";

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        SetStatus(context, message);
        RedirectTo(uri);
    }

    /// <summary>Leaves the one-shot message for the next page's StatusMessage, e.g. from an endpoint that redirects itself.</summary>
    public static void SetStatus(HttpContext context, string message) =>
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
}
