using Lucy.Portal.Core.Phones;
using System.Text;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.TwilioVerify;

public class TwilioVerifyCredentialTests(FakeTwilioVerifyServerFixture fixture) : TwilioVerifyContractTestBase(fixture)
{
    private static readonly string ExpectedHeader =
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeTwilioVerifyServer.DefaultAccountSid}:{FakeTwilioVerifyServer.DefaultAuthToken}"));

    [Fact]
    public async Task Credentials_travel_only_in_the_authorization_header_on_every_endpoint()
    {
        await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        await Host.Codes.CheckAsync(Phone, Server.LastCodeTo(Phone));
        await Host.Probe.GetServiceAsync();

        Assert.Equal(3, Server.Requests.Count);
        Assert.All(Server.Requests, r =>
        {
            Assert.Equal(ExpectedHeader, r.Header("Authorization"));
            var visible = r.Path + r.QueryString + string.Join('&', r.Form.Select(f => $"{f.Key}={f.Value}"));
            Assert.DoesNotContain(FakeTwilioVerifyServer.DefaultAuthToken, visible, StringComparison.Ordinal);
            Assert.DoesNotContain(FakeTwilioVerifyServer.DefaultAccountSid, visible, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Without_credentials_no_request_is_made_and_every_operation_is_not_configured()
    {
        await using var host = TwilioVerifyTestHost.Create(Server.BaseAddress, credentials: null);

        TwilioVerifyResult[] results =
        [
            await host.Codes.SendAsync(Phone, CodeChannel.Sms),
            await host.Codes.CheckAsync(Phone, "123456"),
            await host.Probe.GetServiceAsync(),
        ];

        Assert.All(results, r => Assert.Equal(TwilioVerifyStatus.NotConfigured, r.Status));
        Assert.All(results, r => Assert.Equal(TwilioVerifyMessages.NotConfigured, r.Message));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Credentials_are_read_at_call_time_so_new_credentials_work_without_restart()
    {
        await using var host = TwilioVerifyTestHost.Create(Server.BaseAddress, TwilioVerifyTestHost.FakeCredentials with { AuthToken = new string('0', 32) });
        var before = await host.Probe.GetServiceAsync();

        host.Credentials.Credentials = TwilioVerifyTestHost.FakeCredentials;
        var after = await host.Probe.GetServiceAsync();

        Assert.Equal(TwilioVerifyStatus.InvalidCredentials, before.Status);
        Assert.Equal(20003, before.ErrorCode);
        Assert.Equal(TwilioVerifyStatus.Ok, after.Status);
    }

    [Fact]
    public async Task Credential_check_accepts_good_candidates_and_reports_the_service_name()
    {
        await using var host = TwilioVerifyTestHost.Create(Server.BaseAddress, credentials: null);

        var result = await host.CredentialCheck.CheckAsync(
            FakeTwilioVerifyServer.DefaultAccountSid, FakeTwilioVerifyServer.DefaultAuthToken, FakeTwilioVerifyServer.DefaultServiceSid);

        Assert.Equal(TwilioVerifyCredentialCheckStatus.Valid, result.Status);
        Assert.Equal(FakeTwilioVerifyServer.DefaultFriendlyName, result.ServiceName);
        Assert.Equal(ExpectedHeader, Assert.Single(Server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Credential_check_tries_the_candidates_not_the_stored_credentials()
    {
        var result = await Host.CredentialCheck.CheckAsync(
            FakeTwilioVerifyServer.DefaultAccountSid, new string('a', 32), FakeTwilioVerifyServer.DefaultServiceSid);

        Assert.Equal(TwilioVerifyCredentialCheckStatus.InvalidCredentials, result.Status);
        Assert.NotEqual(ExpectedHeader, Assert.Single(Server.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task Credential_check_reports_an_unknown_service()
    {
        var result = await Host.CredentialCheck.CheckAsync(
            FakeTwilioVerifyServer.DefaultAccountSid, FakeTwilioVerifyServer.DefaultAuthToken, "VA" + new string('1', 32));

        Assert.Equal(TwilioVerifyCredentialCheckStatus.ServiceNotFound, result.Status);
    }

    [Fact]
    public async Task Credential_check_reports_unavailable_when_Twilio_is_down()
    {
        Server.SetFault(FakeVerifyEndpoint.Service, FakeVerifyFault.Unavailable());

        var result = await Host.CredentialCheck.CheckAsync(
            FakeTwilioVerifyServer.DefaultAccountSid, FakeTwilioVerifyServer.DefaultAuthToken, FakeTwilioVerifyServer.DefaultServiceSid);

        Assert.Equal(TwilioVerifyCredentialCheckStatus.Unavailable, result.Status);
        Assert.Equal(3, Server.Requests.Count); // the probe is a read: retried twice
    }

    [Fact]
    public void The_credentials_never_print_the_token()
    {
        var text = TwilioVerifyTestHost.FakeCredentials.ToString();

        Assert.DoesNotContain(FakeTwilioVerifyServer.DefaultAuthToken, text, StringComparison.Ordinal);
        Assert.Contains(FakeTwilioVerifyServer.DefaultServiceSid, text, StringComparison.Ordinal);
    }
}
