using Lucy.Portal.Core.Phones;
using System.Diagnostics;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Tests.TwilioVerify;

public class TwilioVerifyResilienceTests(FakeTwilioVerifyServerFixture fixture) : TwilioVerifyContractTestBase(fixture)
{
    [Fact]
    public async Task The_service_probe_is_retried_through_two_503s_and_succeeds()
    {
        Server.SetFault(FakeVerifyEndpoint.Service, FakeVerifyFault.Unavailable().Twice());

        var result = await Host.Probe.GetServiceAsync();

        Assert.Equal(TwilioVerifyStatus.Ok, result.Status);
        Assert.Equal(3, Server.RequestsTo(FakeVerifyEndpoint.Service).Count);
    }

    [Fact]
    public async Task A_send_is_not_retried_after_a_503_so_no_second_text_and_no_second_send_attempt()
    {
        Server.SetFault(FakeVerifyEndpoint.Verifications, FakeVerifyFault.Unavailable().Once());

        var result = await Host.Codes.SendAsync(Phone, CodeChannel.Sms);

        Assert.Equal(TwilioVerifyStatus.Unavailable, result.Status);
        Assert.Single(Server.RequestsTo(FakeVerifyEndpoint.Verifications));
    }

    [Fact]
    public async Task A_check_lost_to_a_reset_is_not_retried_so_it_burns_at_most_one_of_the_five_checks()
    {
        await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        Server.SetFault(FakeVerifyEndpoint.VerificationCheck, FakeVerifyFault.Reset().Once());

        var result = await Host.Codes.CheckAsync(Phone, Server.LastCodeTo(Phone));

        Assert.Equal(TwilioVerifyStatus.Unavailable, result.Status);
        Assert.Single(Server.RequestsTo(FakeVerifyEndpoint.VerificationCheck));
        Assert.Equal(TwilioVerifyStatus.Approved, (await Host.Codes.CheckAsync(Phone, Server.LastCodeTo(Phone))).Status);
    }

    [Fact]
    public async Task Breaker_opens_after_a_handful_of_failures_and_then_fails_fast_without_touching_the_server()
    {
        Server.SetFault(FakeVerifyEndpoint.Verifications, FakeVerifyFault.Unavailable());
        for (var i = 0; i < 5; i++)
        {
            await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        }

        Server.ClearFaults();
        var clock = Stopwatch.StartNew();
        var send = await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        var check = await Host.Codes.CheckAsync(Phone, "123456");
        clock.Stop();

        Assert.Equal(TwilioVerifyStatus.Unavailable, send.Status);
        Assert.Equal(TwilioVerifyStatus.Unavailable, check.Status);
        Assert.Equal(TwilioVerifyMessages.Unavailable, send.Message);
        Assert.Equal(5, Server.Requests.Count);
        Assert.Empty(Server.Outbox);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Open breaker took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_its_cancellation_back()
    {
        Server.SetFault(FakeVerifyEndpoint.VerificationCheck, FakeVerifyFault.Delay(TimeSpan.FromSeconds(5)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Host.Codes.CheckAsync(Phone, "123456", cts.Token));
    }

    [Fact]
    public async Task Production_defaults_are_sane_and_a_total_timeout_above_15_seconds_is_refused()
    {
        await using var tooSlow = TwilioVerifyTestHost.Create(Server, new Dictionary<string, string?> { ["TwilioVerify:TotalTimeout"] = "00:00:20" });
        var defaults = new TwilioVerifyOptions();

        Assert.Throws<OptionsValidationException>(() => tooSlow.Get<IOptions<TwilioVerifyOptions>>().Value);
        Assert.Equal(new Uri("https://verify.twilio.com"), defaults.BaseUrl);
        Assert.True(defaults.TotalTimeout <= TimeSpan.FromSeconds(15));
        Assert.InRange(defaults.BreakerMinimumThroughput, 2, 10);
    }
}
