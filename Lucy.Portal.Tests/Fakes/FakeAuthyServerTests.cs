using System.Net;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>The fake itself behaves like the documented Authy, checked with a plain HttpClient.</summary>
public class FakeAuthyServerTests(FakeAuthyServerFixture fixture) : IClassFixture<FakeAuthyServerFixture>, IDisposable
{
    private readonly FakeAuthyServer _server = Reset(fixture.Server);
    private readonly HttpClient _http = new() { BaseAddress = fixture.Server.BaseAddress };

    [Fact]
    public async Task Wrong_key_gets_401_with_the_documented_60001_body()
    {
        using var response = await SendAsync(HttpMethod.Get, "/protected/json/app/details", key: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(FakeAuthyBodies.InvalidApiKey(), await response.Content.ReadAsStringAsync());
        Assert.Contains("\"error_code\":\"60001\"", FakeAuthyBodies.InvalidApiKey(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_without_force_waves_through_any_token_of_an_unconfirmed_user_as_documented()
    {
        var user = _server.SeedUser();

        using var response = await SendAsync(HttpMethod.Get, $"/protected/json/verify/0000000/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"success\":\"true\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_without_force_to_an_app_user_is_ignored_with_200_and_nothing_sent()
    {
        var user = _server.SeedUser(hasApp: true);

        using var response = await SendAsync(HttpMethod.Get, $"/protected/json/sms/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ignored\":true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_server.Outbox);
    }

    [Fact]
    public async Task Current_token_is_accepted_once_then_refused_as_reused()
    {
        var user = _server.SeedUser(hasApp: true);
        var token = _server.CurrentTokenFor(user.Id);

        using var first = await SendAsync(HttpMethod.Get, $"/protected/json/verify/{token}/{user.Id}?force=true");
        using var second = await SendAsync(HttpMethod.Get, $"/protected/json/verify/{token}/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Contains("\"error_code\":\"60019\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_is_logged_with_method_path_query_and_headers()
    {
        using var response = await SendAsync(HttpMethod.Get, "/protected/json/app/details?user_ip=203.0.113.7");

        var request = Assert.Single(_server.Requests);
        Assert.Equal((FakeAuthyEndpoint.AppDetails, "GET", "/protected/json/app/details", "203.0.113.7"),
            (request.Endpoint, request.Method, request.Path, request.Query("user_ip")));
        Assert.Equal(FakeAuthyServer.DefaultApiKey, request.Header("x-authy-api-key"));
    }

    [Fact]
    public async Task A_fault_with_times_applies_only_that_often()
    {
        _server.SetFault(FakeAuthyEndpoint.AppDetails, FakeAuthyFault.Unavailable().Once());

        using var first = await SendAsync(HttpMethod.Get, "/protected/json/app/details");
        using var second = await SendAsync(HttpMethod.Get, "/protected/json/app/details");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 0L), (first.StatusCode, first.Content.Headers.ContentLength ?? 0));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }

    private static FakeAuthyServer Reset(FakeAuthyServer server)
    {
        server.Reset();
        return server;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key = FakeAuthyServer.DefaultApiKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Authy-API-Key", key);
        return _http.SendAsync(request);
    }
}
