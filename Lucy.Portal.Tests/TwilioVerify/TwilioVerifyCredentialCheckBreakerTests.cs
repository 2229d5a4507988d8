using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.TwilioVerify;

/// <summary>Saving credentials is a deliberate probe: an open breaker must not answer for Twilio without asking it.</summary>
public class TwilioVerifyCredentialCheckBreakerTests(FakeTwilioVerifyServerFixture fixture) : TwilioVerifyContractTestBase(fixture)
{
    [Fact]
    public async Task Saving_credentials_while_the_breaker_is_open_asks_Twilio_and_gets_its_answer()
    {
        Server.SetFault(FakeVerifyEndpoint.Verifications, FakeVerifyFault.Unavailable());
        for (var i = 0; i < 5; i++)
        {
            await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        }
        Server.ClearFaults();
        Assert.Equal(TwilioVerifyStatus.Unavailable, (await Host.Codes.SendAsync(Phone, CodeChannel.Sms)).Status);
        Assert.Equal(5, Server.Requests.Count);
        var credentials = TwilioVerifyTestHost.FakeCredentials;

        var check = await Host.CredentialCheck.CheckAsync(credentials.AccountSid, credentials.AuthToken, credentials.ServiceSid);

        Assert.Equal(TwilioVerifyCredentialCheckStatus.Valid, check.Status);
        Assert.Single(Server.RequestsTo(FakeVerifyEndpoint.Service));
    }
}
