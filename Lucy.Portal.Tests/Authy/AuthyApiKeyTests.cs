using Lucy.Portal.Core.Authy;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

public class AuthyApiKeyTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    [Fact]
    public async Task Key_is_sent_only_in_the_header_on_every_endpoint()
    {
        var user = Server.SeedUser(hasApp: true);
        await CallEveryOperationAsync(Host, user.Id);

        Assert.Equal(10, Server.Requests.Count);
        Assert.All(Server.Requests, r =>
        {
            Assert.Equal(FakeAuthyServer.DefaultApiKey, r.Header("X-Authy-API-Key"));
            Assert.DoesNotContain(FakeAuthyServer.DefaultApiKey, r.Path + r.QueryString, StringComparison.Ordinal);
            Assert.DoesNotContain("api_key", r.QueryString, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(FakeAuthyServer.DefaultApiKey, string.Join('&', r.Form.Values), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task No_key_means_no_request_at_all_and_not_configured_everywhere()
    {
        await using var host = AuthyTestHost.Create(Server, apiKey: null);

        var results = await CallEveryOperationAsync(host, "1635");

        Assert.All(results, r => Assert.Equal(AuthyStatus.NotConfigured, r.Status));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Key_is_read_at_call_time_so_a_new_key_works_without_restart()
    {
        await using var host = AuthyTestHost.Create(Server, apiKey: "old-key");
        var before = await host.Application.GetDetailsAsync();

        host.Keys.Key = FakeAuthyServer.DefaultApiKey;
        var after = await host.Application.GetDetailsAsync();

        Assert.Equal(AuthyStatus.InvalidKey, before.Status);
        Assert.Equal(AuthyStatus.Ok, after.Status);
    }

    [Fact]
    public async Task Key_check_accepts_a_good_candidate_and_reports_name_and_capabilities()
    {
        await using var host = AuthyTestHost.Create(Server, apiKey: null);
        Server.PhoneCallsEnabled = false;

        var result = await host.KeyCheck.CheckAsync(FakeAuthyServer.DefaultApiKey);

        Assert.Equal(AuthyKeyCheckStatus.Valid, result.Status);
        Assert.Equal((Server.AppName, true, false, true), (result.ApplicationName, result.SmsEnabled, result.VoiceEnabled, result.OneTouchEnabled));
        var request = Assert.Single(Server.Requests);
        Assert.Equal(FakeAuthyServer.DefaultApiKey, request.Header("X-Authy-API-Key"));
        Assert.Empty(request.QueryString);
    }

    [Fact]
    public async Task Key_check_tries_the_candidate_not_the_stored_key()
    {
        var result = await Host.KeyCheck.CheckAsync("candidate-that-authy-refuses");

        Assert.Equal(AuthyKeyCheckStatus.InvalidKey, result.Status);
        var request = Assert.Single(Server.Requests);
        Assert.Equal("candidate-that-authy-refuses", request.Header("X-Authy-API-Key"));
    }

    [Fact]
    public async Task Key_check_reports_unavailable_when_authy_is_down()
    {
        Server.SetFault(FakeAuthyEndpoint.AppDetails, FakeAuthyFault.Unavailable());

        var result = await Host.KeyCheck.CheckAsync(FakeAuthyServer.DefaultApiKey);

        Assert.Equal(AuthyKeyCheckStatus.Unavailable, result.Status);
    }

    private static async Task<IReadOnlyList<AuthyResult>> CallEveryOperationAsync(AuthyTestHost host, string authyId) =>
    [
        await host.Users.RegisterAsync(new AuthyUserRegistration("ana@example.test", "1", "5551234567")),
        await host.Verifier.VerifyAsync(authyId, "1234567"),
        await host.Sender.SendSmsAsync(authyId),
        await host.Sender.StartCallAsync(authyId),
        await host.Users.GetStatusAsync(authyId),
        await host.Application.GetDetailsAsync(),
        await host.Users.RequestQrCodeAsync(authyId, "Lucy"),
        await host.OneTouch.CreateApprovalRequestAsync(authyId, new AuthyApprovalRequest("Sign in")),
        await host.OneTouch.GetApprovalStatusAsync("fd285c30-97f8-0135-cfa7-1241e5695bb0"),
        await host.Users.RemoveAsync(authyId),
    ];
}
