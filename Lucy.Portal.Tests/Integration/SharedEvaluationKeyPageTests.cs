using System.Net;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The shared evaluation key is offered on the settings page only when configuration supplies one.</summary>
public sealed class SharedEvaluationKeyPageTests
{
    private const string Offer = "Use pre-configured test key (NOT RECOMMENDED)";

    private static async Task<string> SettingsPageAsync(string? sharedKey)
    {
        await using var portal = new PortalFactory();
        if (sharedKey is not null)
        {
            portal.Settings["Authy:SharedEvaluationKey"] = sharedKey;
        }
        await portal.SeedAccountsAsync();
        using var session = portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");
        using var page = await session.GetAsync("/system/advanced-settings");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_a_shared_key_configured_the_page_offers_it_as_not_recommended()
    {
        var html = await SettingsPageAsync("SharedEvaluationKey0123456789abc");

        Assert.Contains(Offer, html);
        Assert.Contains("who then sees your users' login information", html);
        Assert.DoesNotContain("SharedEvaluationKey0123456789abc", html);
    }

    [Fact]
    public async Task Without_a_shared_key_the_page_does_not_mention_one()
    {
        var html = await SettingsPageAsync(null);

        Assert.DoesNotContain("NOT RECOMMENDED", html);
        Assert.DoesNotContain("data-testid=\"settings-shared-key\"", html);
    }
}
