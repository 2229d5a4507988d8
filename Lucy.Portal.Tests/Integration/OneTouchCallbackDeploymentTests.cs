using System.Net;
using System.Text.Json.Nodes;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The OneTouch callback as deployed: several instances on one database, a TLS proxy in front, a rate limit.</summary>
public sealed class OneTouchCallbackDeploymentTests : IAsyncLifetime
{
    private const string CallbackPath = "/authy/onetouch-callback";

    private readonly string _sharedDatabase = Path.Combine(Path.GetTempPath(), $"lucy-portal-onetouch-{Guid.NewGuid():N}.db");
    private readonly List<AuthyPortal> _portals = [];
    private FakeAuthyServer _authy = default!;

    public async Task InitializeAsync() => _authy = await FakeAuthyServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var portal in _portals)
        {
            await portal.DisposeAsync();
        }
        await _authy.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _sharedDatabase, _sharedDatabase + "-wal", _sharedDatabase + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>A portal instance on the shared database, with the fake Authy's key saved (once is enough for all).</summary>
    private async Task<AuthyPortal> StartInstanceAsync(params (string Key, string Value)[] settings)
    {
        var portal = new AuthyPortal(_authy);
        _portals.Add(portal);
        portal.Settings["Authy:BaseUrl"] = _authy.BaseAddress.ToString();
        portal.Settings["Database:SqlitePath"] = _sharedDatabase;
        foreach (var (key, value) in settings)
        {
            portal.Settings[key] = value;
        }
        await portal.SeedAccountsAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        if (!(await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>().GetAsync()).HasAuthyApiKey)
        {
            var saved = await scope.ServiceProvider.GetRequiredService<AuthyKeySettings>()
                .SetKeyAsync(FakeAuthyServer.DefaultApiKey, new SettingsActor("test", PortalFactory.AdminEmail));
            Assert.True(saved.Succeeded, saved.Message);
        }
        return portal;
    }

    private static async Task<(string Challenge, string Uuid)> WaitingOnOneTouchAsync(AuthyPortal portal)
    {
        var authyUser = portal.Authy.SeedUser(PortalFactory.UserEmail, "41", "791234567", hasApp: true, confirmed: true);
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        user.AuthyId = authyUser.Id;
        user.TwoFactorEnabled = true;
        await users.UpdateAsync(user);
        var challenge = await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(user.Id, SignInChallenges.NewBrowserKey());
        var started = await scope.ServiceProvider.GetRequiredService<AuthyLoginDelivery>().StartOneTouchAsync(challenge, "127.0.0.1");
        Assert.Equal(OneTouchStatus.Pending, started.Status);
        return (challenge, portal.Authy.OneTouchRequests[^1].Uuid);
    }

    private static async Task<OneTouchResult> RecordedCheckAsync(AuthyPortal portal, string challenge)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthyLoginDelivery>().CheckOneTouchAsync(challenge, false, null, askAuthy: false);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpRequestMessage callback)
    {
        using (callback)
        using (var response = await client.SendAsync(callback))
        {
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task A_callback_landing_on_another_instance_approves_the_prompt_and_its_replay_is_refused_by_every_instance()
    {
        var promptInstance = await StartInstanceAsync();
        var otherInstance = await StartInstanceAsync();
        var (challenge, uuid) = await WaitingOnOneTouchAsync(promptInstance);
        using var toOther = otherInstance.CreateClient();
        using var toPrompt = promptInstance.CreateClient();
        var url = new Uri(toOther.BaseAddress!, CallbackPath);
        var body = _authy.CallbackBody(uuid, "approved");
        var at = promptInstance.Time.GetUtcNow();

        Assert.Equal(HttpStatusCode.OK, await SendAsync(toOther, _authy.SignedCallback(HttpMethod.Post, url, body, at)));

        Assert.Equal(OneTouchStatus.Approved, (await RecordedCheckAsync(promptInstance, challenge)).Status);
        Assert.Equal(HttpStatusCode.Conflict, await SendAsync(toPrompt, _authy.SignedCallback(HttpMethod.Post, url, body, at)));
        Assert.Equal(HttpStatusCode.Conflict, await SendAsync(toOther, _authy.SignedCallback(HttpMethod.Post, url, body, at)));
        Assert.Empty(_authy.RequestsTo(FakeAuthyEndpoint.OneTouchStatus));
    }

    [Fact]
    public async Task One_callback_delivered_to_two_instances_at_once_is_accepted_exactly_once()
    {
        var first = await StartInstanceAsync();
        var second = await StartInstanceAsync();
        using var toFirst = first.CreateClient();
        using var toSecond = second.CreateClient();
        var url = new Uri(toFirst.BaseAddress!, CallbackPath);
        var body = new JsonObject { ["authy_id"] = 1635, ["callback_action"] = "approval_request_status", ["status"] = "approved", ["uuid"] = "no-such-request" };
        var at = first.Time.GetUtcNow();

        var answers = await Task.WhenAll(
            SendAsync(toFirst, _authy.SignedCallback(HttpMethod.Post, url, body, at)),
            SendAsync(toSecond, _authy.SignedCallback(HttpMethod.Post, url, body, at)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Order());
    }

    [Fact]
    public async Task Behind_a_tls_proxy_a_callback_signed_for_the_https_url_is_accepted()
    {
        var portal = await StartInstanceAsync(("FORWARDEDHEADERS_ENABLED", "true"));
        var (challenge, uuid) = await WaitingOnOneTouchAsync(portal);
        using var client = portal.CreateClient();
        var httpsUrl = new Uri($"https://{client.BaseAddress!.Host}{CallbackPath}");
        var body = _authy.CallbackBody(uuid, "approved");

        var withoutProxyHeader = _authy.SignedCallback(HttpMethod.Post, httpsUrl, body, portal.Time.GetUtcNow());
        withoutProxyHeader.RequestUri = new Uri(client.BaseAddress, CallbackPath);
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, withoutProxyHeader));

        var viaProxy = _authy.SignedCallback(HttpMethod.Post, httpsUrl, body, portal.Time.GetUtcNow());
        viaProxy.RequestUri = new Uri(client.BaseAddress, CallbackPath);
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, viaProxy));
        Assert.Equal(OneTouchStatus.Approved, (await RecordedCheckAsync(portal, challenge)).Status);
    }

    [Fact]
    public async Task Callbacks_beyond_the_per_address_limit_get_429()
    {
        var portal = await StartInstanceAsync(("RateLimits:OneTouchCallbacksPerMinute", "2"));
        using var client = portal.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync(CallbackPath, new StringContent("{}"));
            answers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Advanced_settings_shows_the_callback_url_at_the_address_the_administrator_uses()
    {
        var portal = await StartInstanceAsync();
        using var session = new PortalSession(portal.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://portal.example.test/"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));
        using (var login = await session.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password))
        {
            ResponseAssert.RedirectsTo(login, "/");
        }

        using var page = await session.GetAsync("/system/advanced-settings");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("https://portal.example.test/authy/onetouch-callback", html);
    }
}
