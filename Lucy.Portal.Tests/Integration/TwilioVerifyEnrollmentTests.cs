using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>Enrolling with Twilio Verify against the fake: the method is confirmed only once Verify approves a code.</summary>
public class TwilioVerifyEnrollmentTests : IAsyncLifetime
{
    private const string Phone = TwilioVerifyPortal.Phone;
    private TwilioVerifyPortal _portal = default!;

    public async Task InitializeAsync()
    {
        _portal = await TwilioVerifyPortal.StartAsync();
        await _portal.SavePhoneAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<T> WithUserAsync<T>(Func<TwoFactorAccountService, PortalUser, IServiceProvider, Task<T>> action)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        return await action(scope.ServiceProvider.GetRequiredService<TwoFactorAccountService>(), user, scope.ServiceProvider);
    }

    private Task<PortalUser> ReloadAsync() => WithUserAsync((_, user, _) => Task.FromResult(user));

    private Task<TwilioVerifyEnrollmentResult> SendAsync(CodeChannel channel = CodeChannel.Sms) =>
        WithUserAsync((t, u, _) => t.SendTwilioVerifyCodeAsync(u, channel));

    private Task<TwilioVerifyEnrollmentResult> ConfirmAsync(string code) =>
        WithUserAsync((t, u, _) => t.ConfirmTwilioVerifyAsync(u, code, "127.0.0.1"));

    private static string WrongCodeFor(string code) => code == "000000" ? "111111" : "000000";

    [Fact]
    public async Task The_wizard_offers_verify_once_the_user_saved_a_phone()
    {
        Assert.True(await WithUserAsync((t, u, _) => t.CanUseTwilioVerifyAsync(u)));
        Assert.Null(await WithUserAsync((t, u, _) => t.ConfirmedMethodAsync(u)));
    }

    [Fact]
    public async Task The_method_is_confirmed_only_after_verify_approves_the_code()
    {
        var sent = await SendAsync();
        Assert.Equal(TwilioVerifyEnrollmentStatus.Done, sent.Status);
        var sms = Assert.Single(_portal.Verify.Outbox);
        Assert.Equal(Phone, sms.To);

        var wrong = await ConfirmAsync(WrongCodeFor(sms.Code));
        Assert.Equal(TwilioVerifyEnrollmentStatus.WrongCode, wrong.Status);
        var notYet = await ReloadAsync();
        Assert.False(notYet.TwoFactorViaTwilioVerify);
        Assert.False(notYet.PhoneNumberConfirmed);
        Assert.Null(await WithUserAsync((t, u, _) => t.CreateEnrollmentRecoveryCodesAsync(u)));

        var confirmed = await ConfirmAsync(sms.Code);

        Assert.Equal(TwilioVerifyEnrollmentStatus.Done, confirmed.Status);
        var enrolled = await ReloadAsync();
        Assert.True(enrolled.TwoFactorViaTwilioVerify);
        Assert.True(enrolled.PhoneNumberConfirmed);
        Assert.Equal(0, enrolled.AccessFailedCount);
        Assert.Equal(EnrollmentMethod.TwilioVerify, await WithUserAsync((t, u, _) => t.ConfirmedMethodAsync(u)));
        Assert.NotNull(await WithUserAsync((t, u, _) => t.CreateEnrollmentRecoveryCodesAsync(u)));
        Assert.True(await WithUserAsync((t, u, _) => t.CompleteEnrollmentAsync(u, null)));
    }

    [Fact]
    public async Task A_wrong_code_counts_toward_lockout()
    {
        await SendAsync();
        var code = _portal.Verify.LastCodeTo(Phone);

        await ConfirmAsync(WrongCodeFor(code));

        Assert.Equal(1, (await ReloadAsync()).AccessFailedCount);
    }

    [Fact]
    public async Task A_malformed_code_is_neither_sent_to_verify_nor_counted()
    {
        await SendAsync();

        var result = await ConfirmAsync("12ab");

        Assert.Equal(TwilioVerifyEnrollmentStatus.Malformed, result.Status);
        Assert.Equal(0, (await ReloadAsync()).AccessFailedCount);
        Assert.Empty(_portal.Verify.RequestsTo(FakeVerifyEndpoint.VerificationCheck));
    }

    [Fact]
    public async Task A_second_send_waits_for_the_cooldown_and_the_cap_holds()
    {
        var first = await SendAsync();
        var tooSoon = await SendAsync(CodeChannel.Call);
        Assert.Equal(TwilioVerifyEnrollmentStatus.TooSoon, tooSoon.Status);
        Assert.Equal(first.NextAllowedAt, tooSoon.NextAllowedAt);

        for (var i = 1; i < OtpDeliveryLimiter.MaxPerWindow; i++)
        {
            _portal.Time.Advance(OtpDeliveryLimiter.Cooldown);
            Assert.Equal(TwilioVerifyEnrollmentStatus.Done, (await SendAsync()).Status);
        }
        _portal.Time.Advance(OtpDeliveryLimiter.Cooldown);

        Assert.Equal(TwilioVerifyEnrollmentStatus.TooSoon, (await SendAsync()).Status);
        Assert.Equal(OtpDeliveryLimiter.MaxPerWindow, _portal.Verify.RequestsTo(FakeVerifyEndpoint.Verifications).Count);
    }

    [Fact]
    public async Task Verify_down_confirms_nothing_and_counts_nothing()
    {
        await SendAsync();
        _portal.Verify.SetFault(FakeVerifyEndpoint.VerificationCheck, FakeVerifyFault.Unavailable());

        var result = await ConfirmAsync(_portal.Verify.LastCodeTo(Phone));

        Assert.Equal(TwilioVerifyEnrollmentStatus.Unavailable, result.Status);
        var user = await ReloadAsync();
        Assert.False(user.TwoFactorViaTwilioVerify);
        Assert.Equal(0, user.AccessFailedCount);
    }

    [Fact]
    public async Task Disable_clears_the_verify_enrollment()
    {
        var recovery = await _portal.EnrollWithTwilioVerifyAsync(PortalFactory.UserEmail);

        var check = await WithUserAsync((t, u, _) => t.DisableAsync(u, recovery[0], null));

        Assert.Equal(CurrentFactorCheck.Accepted, check);
        var user = await ReloadAsync();
        Assert.False(user.TwoFactorViaTwilioVerify);
        Assert.False(user.TwoFactorEnabled);
    }

    [Fact]
    public async Task A_sent_verify_code_passes_the_current_code_check()
    {
        await _portal.EnrollWithTwilioVerifyAsync(PortalFactory.UserEmail);
        Assert.Equal(TwilioVerifyEnrollmentStatus.Done, (await WithUserAsync((t, u, _) => t.SendCurrentCodeAsync(u))).Status);

        var check = await WithUserAsync((t, u, _) => t.VerifyCurrentFactorAsync(u, _portal.Verify.LastCodeTo(Phone), "test", null));

        Assert.Equal(CurrentFactorCheck.Accepted, check);
    }

    [Fact]
    public async Task A_new_phone_number_keeps_verify_on_once_a_code_sent_to_it_is_approved()
    {
        const string newPhone = "+41781234567";
        var recovery = await _portal.EnrollWithTwilioVerifyAsync(PortalFactory.UserEmail);
        var sentBefore = _portal.Verify.Outbox.Count;

        var started = await WithUserAsync((_, u, sp) => sp.GetRequiredService<PhoneNumberChange>().SaveAsync(u, "CH", "078 123 45 67", recovery[0], null));

        Assert.Equal(PhoneChangeOutcome.ProofRequired, started.Outcome);
        Assert.Equal(Phone, (await ReloadAsync()).PhoneNumber);
        Assert.Equal(newPhone, Assert.Single(_portal.Verify.Outbox.Skip(sentBefore)).To);

        var wrong = await WithUserAsync((_, u, sp) => sp.GetRequiredService<PhoneNumberChange>()
            .ConfirmAsync(u, started.Pending!, WrongCodeFor(_portal.Verify.LastCodeTo(newPhone)), null));
        Assert.Equal(PhoneChangeOutcome.ProofRefused, wrong.Outcome);
        Assert.Equal(Phone, (await ReloadAsync()).PhoneNumber);

        var confirmed = await WithUserAsync((_, u, sp) => sp.GetRequiredService<PhoneNumberChange>()
            .ConfirmAsync(u, started.Pending!, _portal.Verify.LastCodeTo(newPhone), null));

        Assert.Equal(PhoneChangeOutcome.Saved, confirmed.Outcome);
        var user = await ReloadAsync();
        Assert.Equal(newPhone, user.PhoneNumber);
        Assert.True(user.TwoFactorViaTwilioVerify);
        Assert.True(user.PhoneNumberConfirmed);
        Assert.True(user.TwoFactorEnabled);
        Assert.Equal(EnrollmentMethod.TwilioVerify, await WithUserAsync((t, u, _) => t.ConfirmedMethodAsync(u)));
    }
}
