using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Lucy.Portal.Components.Layout;

/// <summary>
/// MudThemeProvider's output for the portal's theme, rendered once per process. A static render (every account page,
/// every prerender) writes it as it is, instead of building the theme's colours and CSS again and then failing a
/// JavaScript call on disposal: that was about an eighth of the login page's CPU (bench/README.md, "The page's floor").
/// </summary>
internal sealed class ThemeStyleCache(IServiceScopeFactory scopes, ILoggerFactory loggers, ILogger<ThemeStyleCache> log)
{
    private readonly Lazy<Task<MarkupString?>> _markup = new(() => RenderAsync(scopes, loggers, log));

    /// <summary>The theme's style elements, or null when they could not be rendered (the page then renders MudThemeProvider itself).</summary>
    public Task<MarkupString?> GetAsync() => _markup.Value;

    private static async Task<MarkupString?> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggers, ILogger log)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                // Colours and sizes are written the same in every language.
                CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(
                    new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme }));
                return output.ToHtmlString();
            });
            return new MarkupString(html);
        }
        catch (Exception e)
        {
            // Any failure, whatever its type: the cache is only a saving, and a failed render kept in the Lazy must not
            // make every static page throw until the process restarts.
            log.LogWarning(e, "The theme could not be rendered once; pages render it themselves.");
            return null;
        }
    }
}
