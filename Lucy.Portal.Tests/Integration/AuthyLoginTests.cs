using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The Authy methods of the token prompt against the fake Authy server: app code, SMS, call, OneTouch.</summary>
public class AuthyLoginTests : IAsyncLifetime
{
    private AuthyPortal _portal = default!;
    private string _authyId = default!;

    public async Task InitializeAsync()
    {
        _portal = await AuthyPortal.StartAsync();
        (_authyId, _) = await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    private async Task<(PortalSession Session, string Challenge)> PassPasswordAsync()
    {
        var session = _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        var userId = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id);
        return (session, await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(userId, PortalSession.BrowserKeyFrom(login))));
    }

    private Task<TwoFactorLoginResult> VerifyAsync(string challenge, string code) =>
        WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().VerifyCodeAsync(challenge, EnrollmentMethod.Authy, code, false, "127.0.0.1"));

    private Task<CodeDeliveryResult> SendAsync(string challenge, CodeChannel channel) =>
        WithAsync(sp => sp.GetRequiredService<LoginCodeDelivery>().SendCodeAsync(challenge, EnrollmentMethod.Authy, channel, "127.0.0.1"));

    private Task<int> FailedCountAsync() => WithAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!);
    });

    [Fact]
    public async Task The_prompt_offers_the_users_own_authy_methods()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var prompt = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().GetPromptAsync(challenge));

        Assert.NotNull(prompt);
        Assert.Equal([EnrollmentMethod.Authy, EnrollmentMethod.RecoveryCode], prompt.Methods);
        var authy = prompt.Offer(EnrollmentMethod.Authy)!;
        Assert.True(authy.Has(FactorCapabilities.Push));
        Assert.Equal([CodeChannel.Sms, CodeChannel.Call], authy.Channels);
        Assert.Equal("+41 •••• ••67", prompt.MaskedPhone);
    }

    [Fact]
    public async Task Loading_the_prompt_again_does_not_ask_authy_for_the_application_again()
    {
        var before = _portal.Authy.RequestsTo(FakeAuthyEndpoint.AppDetails).Count;
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().GetPromptAsync(challenge)));
        }

        Assert.InRange(_portal.Authy.RequestsTo(FakeAuthyEndpoint.AppDetails).Count - before, 0, 1);
    }

    [Fact]
    public async Task A_code_from_the_authy_app_completes_the_sign_in()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var result = await VerifyAsync(challenge, _portal.Authy.CurrentTokenFor(_authyId));

        Assert.Equal(TwoFactorLoginStatus.Verified, result.Status);
        using var complete = await session.CompleteSignInAsync(result.Grant!);
        ResponseAssert.RedirectsTo(complete, "/");
        Assert.All(_portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify), r => Assert.Equal("true", r.Query("force")));
    }

    [Fact]
    public async Task Send_sms_delivers_one_forced_code_that_signs_in()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var sent = await SendAsync(challenge, CodeChannel.Sms);

        Assert.Equal(CodeDeliveryStatus.Sent, sent.Status);
        Assert.Contains("+41 •••• ••67", sent.Message);
        var sms = Assert.Single(_portal.Authy.Outbox);
        Assert.Equal("sms", sms.Channel);
        Assert.True(sms.Forced);
        Assert.Equal(TwoFactorLoginStatus.Verified, (await VerifyAsync(challenge, sms.Code)).Status);
    }

    [Fact]
    public async Task A_code_whose_answer_was_lost_is_not_called_reused_and_is_not_counted()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        _portal.Authy.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.LoseAnswer().Once());

        var result = await VerifyAsync(challenge, _portal.Authy.CurrentTokenFor(_authyId));

        Assert.Equal(TwoFactorLoginStatus.ProviderUnavailable, result.Status);
        Assert.DoesNotContain("already used", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await FailedCountAsync());
        Assert.Single(_portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify));
    }

    [Fact]
    public async Task Call_me_starts_one_forced_voice_call_whose_code_signs_in()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var call = await SendAsync(challenge, CodeChannel.Call);

        Assert.Equal(CodeDeliveryStatus.Sent, call.Status);
        var sent = Assert.Single(_portal.Authy.Outbox);
        Assert.Equal("call", sent.Channel);
        Assert.True(sent.Forced);
        Assert.Equal(TwoFactorLoginStatus.Verified, (await VerifyAsync(challenge, sent.Code)).Status);
    }

    [Fact]
    public async Task A_second_sms_right_away_waits_for_the_cooldown_and_sends_nothing()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        var first = await SendAsync(challenge, CodeChannel.Sms);

        var second = await SendAsync(challenge, CodeChannel.Sms);

        Assert.Equal(CodeDeliveryStatus.TooSoon, second.Status);
        Assert.Equal(first.NextAllowedAt, second.NextAllowedAt);
        Assert.Single(_portal.Authy.Outbox);
    }

    [Fact]
    public async Task At_most_five_sends_per_account_in_ten_minutes()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        for (var i = 0; i < OtpDeliveryLimiter.MaxPerWindow; i++)
        {
            Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, i % 2 == 0 ? CodeChannel.Sms : CodeChannel.Call)).Status);
            _portal.Time.Advance(OtpDeliveryLimiter.Cooldown);
        }

        var sixth = await SendAsync(challenge, CodeChannel.Sms);

        Assert.Equal(CodeDeliveryStatus.TooSoon, sixth.Status);
        Assert.Equal(OtpDeliveryLimiter.MaxPerWindow, _portal.Authy.Outbox.Count);
        Assert.True(sixth.NextAllowedAt > _portal.Time.GetUtcNow() + TimeSpan.FromMinutes(7));
    }

    [Fact]
    public async Task Asking_for_a_new_sms_does_not_reset_the_failure_count()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        await VerifyAsync(challenge, "1111111");
        await VerifyAsync(challenge, "2222222");

        await SendAsync(challenge, CodeChannel.Sms);
        await VerifyAsync(challenge, "3333333");

        Assert.Equal(3, await FailedCountAsync());
    }

    [Fact]
    public async Task A_reused_authy_token_is_refused()
    {
        var token = _portal.Authy.CurrentTokenFor(_authyId);
        var (first, challenge) = await PassPasswordAsync();
        using var _f = first;
        Assert.True((await VerifyAsync(challenge, token)).Succeeded);

        var (second, again) = await PassPasswordAsync();
        using var _s = second;
        var reuse = await VerifyAsync(again, token);

        Assert.Equal(TwoFactorLoginStatus.Replayed, reuse.Status);
        Assert.Null(reuse.Grant);
    }

    [Fact]
    public async Task Authy_down_fails_closed_without_counting_against_the_user()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        _portal.Authy.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.Unavailable());

        var result = await VerifyAsync(challenge, _portal.Authy.CurrentTokenFor(_authyId));

        Assert.Equal(TwoFactorLoginStatus.ProviderUnavailable, result.Status);
        Assert.Contains("recovery code", result.Message);
        Assert.Null(result.Grant);
        Assert.Equal(0, await FailedCountAsync());
    }

    [Fact]
    public async Task A_throttled_sms_is_sent_at_most_once_and_explained()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        _portal.Authy.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Throttle(TimeSpan.FromSeconds(30)));

        var result = await SendAsync(challenge, CodeChannel.Sms);

        Assert.Equal(CodeDeliveryStatus.Unavailable, result.Status);
        Assert.Contains("recovery code", result.Message);
        Assert.Single(_portal.Authy.RequestsTo(FakeAuthyEndpoint.Sms));
        Assert.Empty(_portal.Authy.Outbox);
    }

    [Fact]
    public async Task An_approved_onetouch_request_completes_the_sign_in()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        var delivery = await WithAsync(sp => Task.FromResult(sp.GetRequiredService<AuthyLoginDelivery>()));
        var started = await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().StartOneTouchAsync(challenge, "127.0.0.1"));
        Assert.Equal(OneTouchStatus.Pending, started.Status);
        var request = Assert.Single(_portal.Authy.OneTouchRequests);
        Assert.Equal(120, request.SecondsToExpire);

        var pending = await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().CheckOneTouchAsync(challenge, false, null));
        Assert.Equal(OneTouchStatus.Pending, pending.Status);

        _portal.Authy.Approve(request.Uuid);
        var approved = await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().CheckOneTouchAsync(challenge, false, null));

        Assert.Equal(OneTouchStatus.Approved, approved.Status);
        using var complete = await session.CompleteSignInAsync(approved.Grant!);
        ResponseAssert.RedirectsTo(complete, "/");
        Assert.NotNull(delivery);
    }

    [Fact]
    public async Task A_denied_onetouch_request_fails_closed_and_counts()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().StartOneTouchAsync(challenge, null));
        _portal.Authy.Deny(_portal.Authy.OneTouchRequests[0].Uuid);

        var denied = await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().CheckOneTouchAsync(challenge, false, null));

        Assert.Equal(OneTouchStatus.Denied, denied.Status);
        Assert.Null(denied.Grant);
        Assert.Equal(1, await FailedCountAsync());
    }

    [Fact]
    public async Task An_expired_onetouch_request_says_so()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().StartOneTouchAsync(challenge, null));
        _portal.Authy.Expire(_portal.Authy.OneTouchRequests[0].Uuid);

        var expired = await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().CheckOneTouchAsync(challenge, false, null));

        Assert.Equal(OneTouchStatus.Expired, expired.Status);
        Assert.Null(expired.Grant);
    }
}
