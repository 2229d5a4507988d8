using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// Issue 9, "Send limits": the shared SMS / call / push cap counts only sends that reached the phone, covers
/// enrollment too, is reported to the prompt on load and after each send, and names the time it lifts.
/// </summary>
public class SendLimitTests : IAsyncLifetime
{
    private AuthyPortal _portal = default!;
    private string _authyId = default!;
    private string _userId = default!;

    public async Task InitializeAsync()
    {
        _portal = await AuthyPortal.StartAsync();
        (_authyId, _) = await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        _userId = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    private Task<string> OpenChallengeAsync() => WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(_userId, SignInChallenges.NewBrowserKey()));

    private Task<CodeDeliveryResult> SendSmsAsync(string challenge) =>
        WithAsync(sp => sp.GetRequiredService<LoginCodeDelivery>().SendCodeAsync(challenge, EnrollmentMethod.Authy, CodeChannel.Sms, null));

    private Task<SendAllowance> AllowanceAsync() => WithAsync(sp => sp.GetRequiredService<OtpDeliveryLimiter>().GetAllowanceAsync(_userId));

    [Fact]
    public async Task An_sms_that_failed_with_503_does_not_count_and_the_next_one_may_go_at_once()
    {
        var challenge = await OpenChallengeAsync();
        _portal.Authy.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Unavailable());

        var failed = await SendSmsAsync(challenge);

        Assert.Equal(CodeDeliveryStatus.Unavailable, failed.Status);
        Assert.Equal(new SendAllowance(0, null, false), failed.Sends);
        Assert.Null(failed.NextAllowedAt);
        _portal.Authy.ClearFaults();
        Assert.Equal(CodeDeliveryStatus.Sent, (await SendSmsAsync(challenge)).Status);
        Assert.Equal(1, (await AllowanceAsync()).SentInWindow);
    }

    [Fact]
    public async Task A_onetouch_push_that_authy_refused_does_not_count()
    {
        var challenge = await OpenChallengeAsync();
        _portal.Authy.SetFault(FakeAuthyEndpoint.OneTouchCreate, FakeAuthyFault.Unavailable());

        var refused = await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().StartOneTouchAsync(challenge, null));

        Assert.Equal(OneTouchStatus.Unavailable, refused.Status);
        Assert.Equal(0, (await AllowanceAsync()).SentInWindow);
        Assert.Null(refused.NextAllowedAt);
    }

    [Fact]
    public async Task A_twilio_verify_send_that_failed_does_not_count()
    {
        await using var verify = await TwilioVerifyPortal.StartAsync();
        await verify.EnrollWithTwilioVerifyAsync(PortalFactory.UserEmail);
        await using var scope = verify.Services.CreateAsyncScope();
        var userId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id;
        var challenge = await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(userId, SignInChallenges.NewBrowserKey());
        verify.Verify.SetFault(FakeVerifyEndpoint.Verifications, FakeVerifyFault.Unavailable());

        var failed = await scope.ServiceProvider.GetRequiredService<LoginCodeDelivery>()
            .SendCodeAsync(challenge, EnrollmentMethod.TwilioVerify, CodeChannel.Sms, null);

        Assert.Equal(CodeDeliveryStatus.Unavailable, failed.Status);
        Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<OtpDeliveryLimiter>().GetAllowanceAsync(userId)).SentInWindow);
    }

    [Fact]
    public async Task The_prompt_loads_with_the_cooldown_an_sms_from_another_tab_started()
    {
        var sms = await SendSmsAsync(await OpenChallengeAsync());

        var challenge = await OpenChallengeAsync();
        var prompt = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().GetPromptAsync(challenge));

        Assert.Equal(1, prompt!.Sends.SentInWindow);
        Assert.Equal(sms.NextAllowedAt, prompt.Sends.NextAllowedAt);
        Assert.False(prompt.Sends.CapReached);
    }

    [Fact]
    public async Task Reaching_the_cap_names_the_time_it_lifts()
    {
        var challenge = await OpenChallengeAsync();
        var first = _portal.Time.GetUtcNow();
        for (var i = 0; i < OtpDeliveryLimiter.MaxPerWindow; i++)
        {
            Assert.Equal(CodeDeliveryStatus.Sent, (await SendSmsAsync(challenge)).Status);
            _portal.Time.Advance(OtpDeliveryLimiter.Cooldown);
        }

        var refused = await SendSmsAsync(challenge);

        var lifts = first + OtpDeliveryLimiter.Window;
        Assert.Equal(CodeDeliveryStatus.TooSoon, refused.Status);
        Assert.Equal($"You have asked for 5 codes in 10 minutes. You can ask again at {lifts.UtcDateTime:HH:mm}.", refused.Message);
        Assert.Equal(lifts, refused.NextAllowedAt);
        Assert.True(refused.Sends!.CapReached);
    }

    [Fact]
    public async Task An_enrollment_sms_counts_toward_the_same_cap_as_login()
    {
        await WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(_userId))!;
            user.PendingAuthyId = _authyId;
            await users.UpdateAsync(user);
            var sent = await sp.GetRequiredService<AuthyEnrollment>().SendSmsAsync(user);
            Assert.Equal(AuthyEnrollmentStatus.Done, sent.Status);
            return true;
        });

        var login = await SendSmsAsync(await OpenChallengeAsync());

        Assert.Equal(CodeDeliveryStatus.TooSoon, login.Status);
        Assert.Equal(1, login.Sends!.SentInWindow);
    }
}
