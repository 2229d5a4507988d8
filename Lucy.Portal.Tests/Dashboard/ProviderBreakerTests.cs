using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Outbound;
using Lucy.Portal.Tests.Authy;
using Lucy.Portal.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Dashboard;

/// <summary>What /health and the attention list read about the provider: the breaker's own record, never a call.</summary>
public class ProviderBreakerTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    [Fact]
    public async Task The_breaker_records_its_opening_and_the_last_failure_and_reading_them_calls_nobody()
    {
        var breaker = Host.Get<IServiceProvider>().GetRequiredKeyedService<OutboundBreaker>(AuthyOptions.PipelineName);
        Assert.Equal(OutboundBreakerSnapshot.Closed, breaker.Snapshot);
        var user = Server.SeedUser();
        Server.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Unavailable());
        for (var i = 0; i < 5; i++)
        {
            await Host.Sender.SendSmsAsync(user.Id);
        }
        var requests = Server.Requests.Count;

        var open = breaker.Snapshot;

        Assert.Equal(OutboundBreakerState.Open, open.State);
        Assert.NotNull(open.OpenUntil);
        Assert.Equal("HTTP 503", open.LastFailure?.Description);
        Assert.Equal(requests, Server.Requests.Count);

        Server.ClearFaults();
        Assert.Equal(AuthyKeyCheckStatus.Valid, (await Host.KeyCheck.CheckAsync(FakeAuthyServer.DefaultApiKey)).Status);
        Assert.Equal(OutboundBreakerState.Closed, breaker.Snapshot.State);
        Assert.Equal("HTTP 503", breaker.Snapshot.LastFailure?.Description);
    }
}
