using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The Twilio Verify method of the token prompt against the fake Verify server: SMS, call, check, failures.</summary>
public class TwilioVerifyLoginTests : IAsyncLifetime
{
    private const string Phone = TwilioVerifyPortal.Phone;
    private TwilioVerifyPortal _portal = default!;

    public async Task InitializeAsync()
    {
        _portal = await TwilioVerifyPortal.StartAsync();
        await _portal.EnrollWithTwilioVerifyAsync(PortalFactory.UserEmail);
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
        WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().VerifyCodeAsync(challenge, EnrollmentMethod.TwilioVerify, code, false, "127.0.0.1"));

    private Task<CodeDeliveryResult> SendAsync(string challenge, CodeChannel channel) =>
        WithAsync(sp => sp.GetRequiredService<LoginCodeDelivery>().SendCodeAsync(challenge, EnrollmentMethod.TwilioVerify, channel, "127.0.0.1"));

    private Task<int> FailedCountAsync() => WithAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!);
    });

    private static string WrongCodeFor(string code) => code == "000000" ? "111111" : "000000";

    [Fact]
    public async Task The_prompt_offers_verify_codes_with_the_masked_phone()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var prompt = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().GetPromptAsync(challenge));

        Assert.NotNull(prompt);
        Assert.Equal([EnrollmentMethod.TwilioVerify, EnrollmentMethod.RecoveryCode], prompt.Methods);
        Assert.Equal("+41 •••• ••67", prompt.MaskedPhone);
    }

    [Fact]
    public async Task An_sms_code_from_the_outbox_completes_the_sign_in_through_the_grant()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var sent = await SendAsync(challenge, CodeChannel.Sms);
        Assert.Equal(CodeDeliveryStatus.Sent, sent.Status);
        Assert.Contains("+41 •••• ••67", sent.Message);
        var sms = Assert.Single(_portal.Verify.Outbox);
        Assert.Equal(("sms", Phone), (sms.Channel, sms.To));

        var result = await VerifyAsync(challenge, sms.Code);

        Assert.Equal(TwoFactorLoginStatus.Verified, result.Status);
        using var complete = await session.CompleteSignInAsync(result.Grant!);
        ResponseAssert.RedirectsTo(complete, "/");
    }

    [Fact]
    public async Task Call_me_asks_verify_for_a_voice_call()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var call = await SendAsync(challenge, CodeChannel.Call);

        Assert.Equal(CodeDeliveryStatus.Sent, call.Status);
        Assert.Equal("call", Assert.Single(_portal.Verify.Outbox).Channel);
    }

    [Fact]
    public async Task A_second_send_right_away_waits_for_the_cooldown_and_sends_nothing()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        var first = await SendAsync(challenge, CodeChannel.Sms);

        var second = await SendAsync(challenge, CodeChannel.Call);

        Assert.Equal(CodeDeliveryStatus.TooSoon, second.Status);
        Assert.Equal(first.NextAllowedAt, second.NextAllowedAt);
        Assert.Single(_portal.Verify.Outbox);
    }

    [Fact]
    public async Task At_most_five_sends_per_account_in_ten_minutes()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        for (var i = 0; i < OtpDeliveryLimiter.MaxPerWindow; i++)
        {
            Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, CodeChannel.Sms)).Status);
            _portal.Time.Advance(OtpDeliveryLimiter.Cooldown);
        }

        var sixth = await SendAsync(challenge, CodeChannel.Sms);

        Assert.Equal(CodeDeliveryStatus.TooSoon, sixth.Status);
        Assert.Equal(OtpDeliveryLimiter.MaxPerWindow, _portal.Verify.RequestsTo(FakeVerifyEndpoint.Verifications).Count);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_counted()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        await SendAsync(challenge, CodeChannel.Sms);

        var wrong = await VerifyAsync(challenge, WrongCodeFor(_portal.Verify.LastCodeTo(Phone)));

        Assert.Equal(TwoFactorLoginStatus.WrongCode, wrong.Status);
        Assert.Null(wrong.Grant);
        Assert.Equal(1, await FailedCountAsync());
    }

    [Fact]
    public async Task An_expired_verification_says_so_and_is_not_counted()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        await SendAsync(challenge, CodeChannel.Sms);
        var code = _portal.Verify.LastCodeTo(Phone);
        _portal.Verify.Time.Advance(FakeTwilioVerifyServer.VerificationLifetime + TimeSpan.FromSeconds(1));

        var expired = await VerifyAsync(challenge, code);

        Assert.Equal(TwoFactorLoginStatus.CodeExpired, expired.Status);
        Assert.Equal("This code has expired. Send a new one.", expired.Message);
        Assert.Null(expired.Grant);
        Assert.Equal(0, await FailedCountAsync());
    }

    [Fact]
    public async Task Verify_down_fails_closed_without_counting_against_the_user()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        await SendAsync(challenge, CodeChannel.Sms);
        _portal.Verify.SetFault(FakeVerifyEndpoint.VerificationCheck, FakeVerifyFault.Unavailable());

        var result = await VerifyAsync(challenge, _portal.Verify.LastCodeTo(Phone));

        Assert.Equal(TwoFactorLoginStatus.ProviderUnavailable, result.Status);
        Assert.Equal("The 2FA provider is unavailable right now. Try again in a moment, or use a recovery code.", result.Message);
        Assert.Null(result.Grant);
        Assert.Equal(0, await FailedCountAsync());
    }

    [Fact]
    public async Task Credentials_never_appear_in_a_url()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        await SendAsync(challenge, CodeChannel.Sms);
        await VerifyAsync(challenge, _portal.Verify.LastCodeTo(Phone));

        Assert.NotEmpty(_portal.Verify.Requests);
        Assert.All(_portal.Verify.Requests, r =>
        {
            Assert.DoesNotContain(FakeTwilioVerifyServer.DefaultAuthToken, r.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(FakeTwilioVerifyServer.DefaultAccountSid, r.ToString(), StringComparison.OrdinalIgnoreCase);
        });
    }
}
