using System.Net;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration;

public class RateLimitTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();

    public Task InitializeAsync()
    {
        _portal.Settings["RateLimits:SignInPerMinute"] = "3";
        return _portal.SeedAccountsAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Password_posts_beyond_the_per_address_limit_get_429_without_hashing()
    {
        using var session = _portal.CreateSession();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await session.LoginAsync(PortalFactory.UserEmail, "a wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many sign-in attempts", await limited.Content.ReadAsStringAsync());
        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task Codes_posted_to_the_prompts_plain_form_count_against_the_same_limit()
    {
        var user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
        using var session = _portal.CreateSession();
        using (var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password))
        {
            ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        }
        using var prompt = await session.GetAsync("/Account/LoginWith2fa");
        var page = await prompt.Content.ReadAsStringAsync();
        var wrong = _portal.CurrentCode(user.Seed) == "123456" ? "654321" : "123456";
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await session.PostCodeFormAsync(page, wrong);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await session.PostCodeFormAsync(page, _portal.CurrentCode(user.Seed));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        using var home = await session.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task Pages_other_than_sign_in_are_not_limited()
    {
        using var session = _portal.CreateSession();
        for (var i = 0; i < 10; i++)
        {
            using var page = await session.GetAsync("/Account/Login");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }
}
