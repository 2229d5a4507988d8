using Lucy.Portal.Core.Authy;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

/// <summary>Saving a key is a deliberate probe: an open breaker must not answer for Authy without asking it.</summary>
public class AuthyKeyCheckBreakerTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    private async Task TripTheBreakerAsync()
    {
        var user = Server.SeedUser();
        Server.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Unavailable());
        for (var i = 0; i < 5; i++)
        {
            await Host.Sender.SendSmsAsync(user.Id);
        }
        Server.ClearFaults();
        // The breaker is open: a login SMS fails without a request.
        Assert.Equal(AuthyStatus.Unavailable, (await Host.Sender.SendSmsAsync(user.Id)).Status);
        Assert.Equal(5, Server.Requests.Count);
    }

    [Fact]
    public async Task Saving_a_key_while_the_breaker_is_open_asks_Authy_and_gets_its_answer()
    {
        await TripTheBreakerAsync();

        var check = await Host.KeyCheck.CheckAsync(FakeAuthyServer.DefaultApiKey);

        Assert.Equal(AuthyKeyCheckStatus.Valid, check.Status);
        Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.AppDetails));
    }

    [Fact]
    public async Task A_wrong_key_saved_while_the_breaker_is_open_is_refused_by_Authy_not_called_unreachable()
    {
        await TripTheBreakerAsync();

        var check = await Host.KeyCheck.CheckAsync("NotTheKeyAtAll0123456789abcdef");

        Assert.Equal(AuthyKeyCheckStatus.InvalidKey, check.Status);
        Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.AppDetails));
    }

    [Fact]
    public async Task When_Authy_is_still_down_the_check_says_unreachable_after_really_trying()
    {
        await TripTheBreakerAsync();
        Server.SetFault(FakeAuthyEndpoint.AppDetails, FakeAuthyFault.Unavailable());

        var check = await Host.KeyCheck.CheckAsync(FakeAuthyServer.DefaultApiKey);

        Assert.Equal(AuthyKeyCheckStatus.Unavailable, check.Status);
        Assert.NotEmpty(Server.RequestsTo(FakeAuthyEndpoint.AppDetails));
    }
}
