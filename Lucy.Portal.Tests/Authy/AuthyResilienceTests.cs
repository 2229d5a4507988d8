using System.Diagnostics;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Tests.Authy;

public class AuthyResilienceTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    [Fact]
    public async Task A_repeat_safe_read_is_retried_through_two_503s_and_succeeds()
    {
        var user = Server.SeedUser();
        Server.SetFault(FakeAuthyEndpoint.UserStatus, FakeAuthyFault.Unavailable().Twice());

        var result = await Host.Users.GetStatusAsync(user.Id);

        Assert.Equal(AuthyStatus.Ok, result.Status);
        Assert.Equal(3, Server.RequestsTo(FakeAuthyEndpoint.UserStatus).Count);
    }

    [Fact]
    public async Task App_details_wait_out_a_short_retry_after_and_then_succeed()
    {
        Server.SetFault(FakeAuthyEndpoint.AppDetails, FakeAuthyFault.Throttle(TimeSpan.FromSeconds(1)).Once());

        var result = await Host.Application.GetDetailsAsync();

        Assert.Equal(AuthyStatus.Ok, result.Status);
        var requests = Server.RequestsTo(FakeAuthyEndpoint.AppDetails);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), "Retry-After was not honoured");
    }

    [Fact]
    public async Task Sms_throttled_by_429_reports_the_retry_after_and_is_not_sent_again()
    {
        var user = Server.SeedUser();
        Server.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Throttle(TimeSpan.FromSeconds(1)));

        var result = await Host.Sender.SendSmsAsync(user.Id);

        Assert.Equal(AuthyStatus.Throttled, result.Status);
        Assert.Equal("60003", result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(1), result.RetryAfter);
        Assert.Contains("1 seconds", result.Message, StringComparison.Ordinal);
        Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.Sms));
    }

    [Fact]
    public async Task Verify_is_not_retried_after_a_503()
    {
        var user = Server.SeedUser(hasApp: true);
        Server.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.Unavailable());

        var result = await Host.Verifier.VerifyAsync(user.Id, Server.CurrentTokenFor(user.Id));

        Assert.Equal(AuthyStatus.Throttled, result.Status);
        Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.Verify));
    }

    [Fact]
    public async Task Verify_whose_answer_was_lost_on_a_fresh_connection_is_not_sent_again()
    {
        var user = Server.SeedUser(hasApp: true, confirmed: true);
        Server.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.LoseAnswer().Once());

        var result = await Host.Verifier.VerifyAsync(user.Id, Server.CurrentTokenFor(user.Id));

        Assert.Equal(AuthyStatus.Unavailable, result.Status);
        Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.Verify));
    }

    [Fact]
    public async Task Verify_whose_answer_was_lost_on_a_reused_connection_is_not_sent_again()
    {
        var user = Server.SeedUser(hasApp: true, confirmed: true);
        // An earlier call leaves a connection in the pool, as on any busy portal; the verify then travels on it.
        Assert.Equal(AuthyStatus.Ok, (await Host.Application.GetDetailsAsync()).Status);
        Server.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.LoseAnswer().Once());

        var result = await Host.Verifier.VerifyAsync(user.Id, Server.CurrentTokenFor(user.Id));

        Assert.Equal(AuthyStatus.Unavailable, result.Status);
        Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.Verify));
    }

    [Fact]
    public async Task Breaker_opens_after_a_handful_of_failures_and_then_fails_fast_without_touching_the_server()
    {
        var user = Server.SeedUser();
        Server.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Unavailable());
        for (var i = 0; i < 5; i++)
        {
            await Host.Sender.SendSmsAsync(user.Id);
        }

        Server.ClearFaults();
        var clock = Stopwatch.StartNew();
        var sms = await Host.Sender.SendSmsAsync(user.Id);
        var verify = await Host.Verifier.VerifyAsync(user.Id, Server.CurrentTokenFor(user.Id));
        clock.Stop();

        Assert.Equal(AuthyStatus.Unavailable, sms.Status);
        Assert.Equal(AuthyStatus.Unavailable, verify.Status);
        Assert.Equal(AuthyMessages.Unavailable, sms.Message);
        Assert.Equal(5, Server.Requests.Count);
        Assert.Empty(Server.Outbox);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Open breaker took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_caller_that_gives_up_gets_its_cancellation_back()
    {
        var user = Server.SeedUser(hasApp: true);
        Server.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.Delay(TimeSpan.FromSeconds(5)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Host.Verifier.VerifyAsync(user.Id, "1234567", cts.Token));
    }

    [Fact]
    public async Task Production_defaults_are_sane_and_a_total_timeout_above_15_seconds_is_refused()
    {
        await using var tooSlow = AuthyTestHost.Create(Server, settings: new Dictionary<string, string?> { ["Authy:TotalTimeout"] = "00:00:20" });
        var defaults = new AuthyOptions();

        Assert.Throws<OptionsValidationException>(() => tooSlow.Get<IOptions<AuthyOptions>>().Value);
        Assert.Equal(new Uri("https://api.authy.com"), defaults.BaseUrl);
        Assert.True(defaults.TotalTimeout <= TimeSpan.FromSeconds(15));
        Assert.InRange(defaults.BreakerMinimumThroughput, 2, 10);
        Assert.Equal(120, defaults.OneTouchSecondsToExpire);
    }
}
