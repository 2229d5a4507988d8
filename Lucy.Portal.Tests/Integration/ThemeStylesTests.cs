using System.Text.RegularExpressions;
using Lucy.Portal.Components.Layout;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace Lucy.Portal.Tests.Integration;

/// <summary>Static pages write the theme rendered once (ThemeStyleCache): it must be what MudThemeProvider itself writes.</summary>
public sealed partial class ThemeStylesTests : IClassFixture<AuthorizationTests.SeededPortal>
{
    private readonly AuthorizationTests.SeededPortal _portal;

    public ThemeStylesTests(AuthorizationTests.SeededPortal portal) => _portal = portal;

    [Fact]
    public async Task The_login_page_and_a_prerendered_page_carry_what_MudThemeProvider_writes_for_the_portals_theme()
    {
        var expected = await MudThemeProviderOutputAsync();
        Assert.Contains("--mud-palette-primary: rgba(31,78,121,1)", expected, StringComparison.Ordinal);

        using var session = _portal.CreateSession();
        var login = await session.Client.GetStringAsync("/Account/Login");
        var again = await session.Client.GetStringAsync("/Account/Login");
        using (var signedIn = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password))
        {
            ResponseAssert.RedirectsTo(signedIn, "/");
        }
        var home = await session.Client.GetStringAsync("/");

        Assert.Equal(Styles(expected), Styles(login));
        Assert.Equal(Styles(expected), Styles(again));
        Assert.Equal(Styles(expected), Styles(home));
        // The pages were served from the cache, not from its fallback (which writes the same styles).
        Assert.NotNull(await _portal.Services.GetRequiredService<ThemeStyleCache>().GetAsync());
    }

    [Fact]
    public async Task A_German_request_gets_the_same_numbers()
    {
        using var session = _portal.CreateSession();
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var german = await session.Client.GetStringAsync("/Account/Login");
        Assert.Contains("lang=\"de\"", german, StringComparison.Ordinal);
        Assert.Equal(Styles(await MudThemeProviderOutputAsync()), Styles(german));
    }

    private async Task<string> MudThemeProviderOutputAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(
                new Dictionary<string, object?> { [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme }))).ToHtmlString());
    }

    private static List<string> Styles(string html) =>
        [.. StyleElement().Matches(html).Select(m => m.Value).Where(s => s.Contains("--mud-palette", StringComparison.Ordinal))];

    [GeneratedRegex("<style[^>]*>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
