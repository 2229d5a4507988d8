using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lucy.Portal.Tests.Integration.Concurrency;

/// <summary>
/// Issue 10, finding 2: twenty prompts of one account click "Send SMS" (or "Call me", or OneTouch) at once, ten times
/// inside one window. At most one send per burst (the cooldown) and at most the cap per window reach the provider.
/// </summary>
public class ParallelSendLimitTests(ITestOutputHelper output)
{
    private const int TabCount = 20;
    private const int Bursts = 10;
    private const int Windows = 2;

    private static async Task<string> UserIdAsync<T>(WebApplicationFactory<T> portal) where T : class
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id;
    }

    /// <summary>Bursts of simultaneous sends; returns how many reached the provider in each burst.</summary>
    private static async Task<List<int>> BurstAsync(TwoFactorPortal portal, IReadOnlyList<PromptTab> tabs, Func<int> reachedProvider, Func<PromptTab, Task> send, Action? windowPassed = null)
    {
        var perBurst = new List<int>();
        for (var window = 0; window < Windows; window++)
        {
            foreach (var tab in tabs)
            {
                await tab.ReloadChallengeAsync();
            }
            for (var burst = 0; burst < Bursts; burst++)
            {
                var before = reachedProvider();
                await Race.AllAtOnceAsync(tabs, async tab =>
                {
                    await send(tab);
                    return true;
                });
                perBurst.Add(reachedProvider() - before);
                portal.Time.Advance(OtpDeliveryLimiter.Cooldown);
            }
            portal.Time.Advance(OtpDeliveryLimiter.Window);
            windowPassed?.Invoke();
        }
        foreach (var tab in tabs)
        {
            await tab.DisposeAsync();
        }
        return perBurst;
    }

    private void AssertCapped(string what, List<int> perBurst)
    {
        output.WriteLine($"{what}: {TabCount} concurrent clicks per burst reached the provider: {string.Join(", ", perBurst)}");
        Assert.All(perBurst, reached => Assert.InRange(reached, 0, 1));
        foreach (var window in perBurst.Chunk(Bursts))
        {
            Assert.Equal(OtpDeliveryLimiter.MaxPerWindow, window.Sum());
        }
    }

    [Fact]
    public async Task Simultaneous_authy_sms_and_calls_never_exceed_the_cooldown_or_the_cap()
    {
        await using var portal = await AuthyPortal.StartAsync();
        await portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        var tabs = await PromptTab.OpenAsync(portal, await UserIdAsync(portal), TabCount);

        var perBurst = await BurstAsync(portal, tabs,
            () => portal.Authy.RequestsTo(FakeAuthyEndpoint.Sms).Count + portal.Authy.RequestsTo(FakeAuthyEndpoint.Call).Count,
            tab => tab.Codes.SendCodeAsync(tab.Challenge, EnrollmentMethod.Authy, tab.GetHashCode() % 2 == 0 ? CodeChannel.Sms : CodeChannel.Call, null));

        AssertCapped("Authy SMS / call", perBurst);
    }

    [Fact]
    public async Task Simultaneous_onetouch_pushes_never_exceed_the_cooldown_or_the_cap()
    {
        await using var portal = await AuthyPortal.StartAsync();
        await portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        var tabs = await PromptTab.OpenAsync(portal, await UserIdAsync(portal), TabCount);

        var perBurst = await BurstAsync(portal, tabs,
            () => portal.Authy.RequestsTo(FakeAuthyEndpoint.OneTouchCreate).Count,
            tab => tab.Authy.StartOneTouchAsync(tab.Challenge, null));

        AssertCapped("OneTouch", perBurst);
    }

    [Fact]
    public async Task Simultaneous_twilio_verify_sends_never_exceed_the_cooldown_or_the_cap()
    {
        await using var portal = await TwilioVerifyPortal.StartAsync();
        await portal.EnrollWithTwilioVerifyAsync(PortalFactory.UserEmail);
        var tabs = await PromptTab.OpenAsync(portal, await UserIdAsync(portal), TabCount);

        var perBurst = await BurstAsync(portal, tabs,
            () => portal.Verify.RequestsTo(FakeVerifyEndpoint.Verifications).Count,
            tab => tab.Codes.SendCodeAsync(tab.Challenge, EnrollmentMethod.TwilioVerify, CodeChannel.Sms, null),
            // Verify's own limit of five sends per pending verification lapses with the window, as in life.
            () => portal.Verify.Time.Advance(OtpDeliveryLimiter.Window));

        AssertCapped("Twilio Verify", perBurst);
    }
}
