using System.Net;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration;

public class RateLimitTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

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
