using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// An Authy user changes the phone: someone holding one current code (or a recovery code) must not be able to make
/// their own phone the account's factor. The new number proves itself with a code delivered to its own authy_id.
/// </summary>
public class AuthyPhoneChangeTests : IAsyncLifetime
{
    private const string OldPhone = "+41791234567";
    private const string NewPhone = "+41797654321";
    private AuthyPortal _portal = default!;
    private string _oldId = default!;
    private IReadOnlyList<string> _recoveryCodes = default!;

    public async Task InitializeAsync()
    {
        _portal = await AuthyPortal.StartAsync();
        (_oldId, _recoveryCodes) = await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<T> WithUserAsync<T>(Func<PhoneNumberChange, PortalUser, Task<T>> action)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!;
        return await action(scope.ServiceProvider.GetRequiredService<PhoneNumberChange>(), user);
    }

    private Task<PortalUser> ReloadAsync() => WithUserAsync((_, u) => Task.FromResult(u));

    private Task<PhoneChangeResult> StartAsync(string code) =>
        WithUserAsync((phones, u) => phones.SaveAsync(u, "CH", "079 765 43 21", code, "203.0.113.9"));

    private Task<PhoneChangeResult> ConfirmAsync(PendingPhoneChange pending, string code) =>
        WithUserAsync((phones, u) => phones.ConfirmAsync(u, pending, code, "203.0.113.9"));

    private static string WrongCodeFor(string code) => code == "0000000" ? "1111111" : "0000000";

    [Fact]
    public async Task A_recovery_code_alone_does_not_move_the_authy_factor_to_an_attackers_phone()
    {
        var started = await StartAsync(_recoveryCodes[0]);

        Assert.Equal(PhoneChangeOutcome.ProofRequired, started.Outcome);
        var user = await ReloadAsync();
        Assert.Equal(_oldId, user.AuthyId);
        Assert.Equal(OldPhone, user.PhoneNumber);
        Assert.Empty(_portal.Authy.RequestsTo(FakeAuthyEndpoint.RemoveUser));
        // The code went to the new phone's own registration, forced, without an action (docs/authy-contract.md).
        var sent = Assert.Single(_portal.Authy.Outbox);
        Assert.NotEqual(_oldId, sent.AuthyId);
        Assert.True(sent.Forced);
        Assert.Null(sent.Action);
    }

    [Fact]
    public async Task The_new_number_becomes_the_factor_only_once_its_own_code_verifies()
    {
        var stampBefore = (await ReloadAsync()).SecurityStamp;
        var started = await StartAsync(_portal.Authy.CurrentTokenFor(_oldId));
        var pending = started.Pending!;
        var sent = Assert.Single(_portal.Authy.Outbox);

        var wrong = await ConfirmAsync(pending, WrongCodeFor(sent.Code));
        Assert.Equal(PhoneChangeOutcome.ProofRefused, wrong.Outcome);
        Assert.NotNull(wrong.ProofError);
        Assert.Same(pending, wrong.Pending);
        var afterWrong = await ReloadAsync();
        Assert.Equal(1, afterWrong.AccessFailedCount);
        Assert.Equal(_oldId, afterWrong.AuthyId);

        var confirmed = await ConfirmAsync(pending, sent.Code);

        Assert.Equal(PhoneChangeOutcome.Saved, confirmed.Outcome);
        var user = await ReloadAsync();
        Assert.Equal(NewPhone, user.PhoneNumber);
        Assert.Equal(sent.AuthyId, user.AuthyId);
        Assert.True(user.PhoneNumberConfirmed);
        Assert.True(user.TwoFactorEnabled);
        Assert.Equal(0, user.AccessFailedCount);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        var verifies = _portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify);
        Assert.All(verifies, r => Assert.Equal("true", r.Query("force")));
        Assert.All(verifies, r => Assert.Null(r.Query("action")));
        Assert.EndsWith($"/{sent.AuthyId}", verifies[^1].Path, StringComparison.Ordinal);
        Assert.Single(_portal.Authy.RequestsTo(FakeAuthyEndpoint.RemoveUser));
        Assert.True(_portal.Authy.User(_oldId)!.Removed);

        await using var scope = _portal.Services.CreateAsyncScope();
        var entry = (await scope.ServiceProvider.GetRequiredService<AuditLog>().RecentAsync(20)).First(e => e.Event == AuditEvents.PhoneNumberChanged);
        Assert.Equal("+41 •••• ••67 → +41 •••• ••21", entry.Detail);
        Assert.Equal(PortalFactory.UserEmail, entry.ActorEmail);
        Assert.Equal("203.0.113.9", entry.IpAddress);
    }

    [Fact]
    public async Task A_code_of_the_old_phone_does_not_prove_the_new_one()
    {
        var pending = (await StartAsync(_portal.Authy.TokenFor(_oldId, -1))).Pending!;

        var result = await ConfirmAsync(pending, _portal.Authy.CurrentTokenFor(_oldId));

        Assert.Equal(PhoneChangeOutcome.ProofRefused, result.Outcome);
        Assert.Equal(_oldId, (await ReloadAsync()).AuthyId);
    }

    [Fact]
    public async Task Wrong_codes_for_the_new_number_lock_the_account_end_its_sessions_and_void_the_change()
    {
        var pending = (await StartAsync(_recoveryCodes[0])).Pending!;
        var code = Assert.Single(_portal.Authy.Outbox).Code;
        var stampBefore = (await ReloadAsync()).SecurityStamp;

        var results = new List<PhoneChangeResult>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            results.Add(await ConfirmAsync(pending, WrongCodeFor(code)));
        }

        Assert.All(results.SkipLast(1), r => Assert.Equal(PhoneChangeOutcome.ProofRefused, r.Outcome));
        Assert.True(results[^1].LockedOut);
        var user = await ReloadAsync();
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.Equal(_oldId, user.AuthyId);
        Assert.Equal(PhoneChangeOutcome.Expired, (await ConfirmAsync(pending, code)).Outcome);
        Assert.Equal(OldPhone, (await ReloadAsync()).PhoneNumber);
    }

    [Fact]
    public async Task An_abandoned_change_expires_and_leaves_the_old_number_and_factor()
    {
        var stampBefore = (await ReloadAsync()).SecurityStamp;
        var pending = (await StartAsync(_recoveryCodes[0])).Pending!;
        var code = Assert.Single(_portal.Authy.Outbox).Code;

        _portal.Time.Advance(PendingPhoneChange.Lifetime + TimeSpan.FromSeconds(1));
        var late = await ConfirmAsync(pending, code);

        Assert.Equal(PhoneChangeOutcome.Expired, late.Outcome);
        Assert.NotNull(late.Message);
        var user = await ReloadAsync();
        Assert.Equal(OldPhone, user.PhoneNumber);
        Assert.Equal(_oldId, user.AuthyId);
        Assert.Equal(stampBefore, user.SecurityStamp);
    }

    [Fact]
    public async Task Authy_down_while_sending_keeps_the_change_pending_and_a_later_code_still_proves_it()
    {
        _portal.Authy.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Unavailable());

        var started = await StartAsync(_recoveryCodes[0]);

        Assert.Equal(PhoneChangeOutcome.ProviderUnavailable, started.Outcome);
        Assert.NotNull(started.Message);
        Assert.NotNull(started.Pending);
        Assert.Equal(OldPhone, (await ReloadAsync()).PhoneNumber);

        // The send that failed did not count against the cap: the next one may go at once.
        _portal.Authy.ClearFaults();
        var called = await WithUserAsync((phones, u) => phones.SendCodeAsync(u, started.Pending!, CodeChannel.Call, null));
        Assert.Equal(PhoneChangeOutcome.ProofRequired, called.Outcome);
        var call = Assert.Single(_portal.Authy.Outbox);
        Assert.Equal(PhoneChangeOutcome.Saved, (await ConfirmAsync(started.Pending!, call.Code)).Outcome);
    }

    [Fact]
    public async Task A_phone_authy_refuses_gets_a_field_message_and_changes_nothing()
    {
        _portal.Authy.SetFault(FakeAuthyEndpoint.RegisterUser, FakeAuthyFault.Respond(400, FakeAuthyBodies.Error("60033", "Phone number is invalid")));

        var result = await StartAsync(_recoveryCodes[0]);

        Assert.Equal(PhoneChangeOutcome.InvalidNumber, result.Outcome);
        Assert.NotNull(result.NumberError);
        Assert.Null(result.Pending);
        Assert.Equal(_oldId, (await ReloadAsync()).AuthyId);
    }
}

/// <summary>A phone change ends every other session and forgets remembered devices; the session that made it renews itself.</summary>
public class PhoneChangeSessionTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();
    private EnrolledUser _user = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    /// <summary>Password, code, full sign-in; the code of the next step each time, as one code is good once.</summary>
    private async Task<PortalSession> SignInAsync(bool rememberDevice)
    {
        var session = _portal.CreateSession();
        string browserKey;
        using (var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password))
        {
            ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
            browserKey = PortalSession.BrowserKeyFrom(login);
        }
        _portal.Time.Advance(TimeSpan.FromSeconds(30));
        var challenge = await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(_user.Id, browserKey));
        var verified = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed), rememberDevice, "127.0.0.1"));
        (await session.CompleteSignInAsync(verified.Grant!)).Dispose();
        return session;
    }

    private Task<PhoneChangeResult> ChangePhoneAsync() =>
        WithAsync(async sp =>
        {
            var user = (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_user.Id))!;
            return await sp.GetRequiredService<PhoneNumberChange>().SaveAsync(user, "CH", "079 765 43 21", _user.RecoveryCodes[0], "127.0.0.1");
        });

    [Fact]
    public async Task A_remembered_device_asks_for_a_code_again_and_other_sessions_end_after_a_phone_change()
    {
        using var session = await SignInAsync(rememberDevice: true);
        using var otherBrowser = await SignInAsync(rememberDevice: false);
        (await session.LogoutAsync()).Dispose();
        using (var remembered = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password))
        {
            Assert.DoesNotContain("LoginWith2fa", remembered.Headers.Location!.ToString());
        }

        var saved = await ChangePhoneAsync();
        Assert.Equal(PhoneChangeOutcome.Saved, saved.Outcome);

        _portal.Time.Advance(TimeSpan.FromMinutes(2));
        foreach (var browser in new[] { otherBrowser, session })
        {
            using var ended = await browser.GetAsync("/account");
            ResponseAssert.RedirectsTo(ended, "/Account/Login");
        }
        using var again = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(again, "/Account/LoginWith2fa");
    }

    [Fact]
    public async Task The_session_that_changed_the_phone_renews_itself_and_the_token_alone_signs_in_nobody()
    {
        using var session = await SignInAsync(rememberDevice: false);
        var saved = await ChangePhoneAsync();
        var renew = $"/Account/RenewSession?token={Uri.EscapeDataString(saved.SessionRenewal!)}";

        using (var stranger = _portal.CreateSession())
        {
            using var refused = await stranger.GetAsync(renew);
            ResponseAssert.RedirectsTo(refused, "/Account/SignedOut?reason=phone-changed");
            using var notSignedIn = await stranger.GetAsync("/account");
            ResponseAssert.RedirectsTo(notSignedIn, "/Account/Login");
        }
        using (var renewed = await session.GetAsync(renew))
        {
            ResponseAssert.RedirectsTo(renewed, "/account?phone=changed");
        }
        using (var forged = await session.GetAsync("/Account/RenewSession?token=forged"))
        {
            ResponseAssert.RedirectsTo(forged, "/Account/SignedOut");
        }

        _portal.Time.Advance(TimeSpan.FromMinutes(2));
        using var page = await session.GetAsync("/account");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
    }
}
