using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.Concurrency;

/// <summary>
/// The codes that enrol a factor or prove a new phone number, guessed from many live tabs at once. Each tab is a
/// circuit: one scope, one context and one copy of the user for its whole life. However many tabs start together,
/// no more codes are checked (by the portal or sent to the provider) than one lockout allows, as at the token prompt.
/// </summary>
public sealed class ParallelEnrollmentGuessTests
{
    private const int TabCount = 20;

    [Fact]
    public async Task Twenty_tabs_guessing_the_authenticators_first_code_check_no_more_than_one_lockout_allows()
    {
        await using var portal = new TwoFactorPortal();
        await portal.SeedAccountsAsync();
        var id = await UserIdAsync(portal);
        var seed = await StartAuthenticatorAsync(portal, id);
        var right = portal.CurrentCode(seed);
        await using var tabs = await Tabs.OpenAsync(portal, id);

        var results = await Race.AllAtOnceAsync(tabs.All, tab =>
            tab.Services.GetRequiredService<TwoFactorAccountService>().ConfirmAuthenticatorAsync(tab.User, right == "000000" ? "111111" : "000000", "203.0.113.9"));

        Assert.All(results, r => Assert.True(r is EnrollmentCodeResult.InvalidCode or EnrollmentCodeResult.LockedOut, r.ToString()));
        Assert.Contains(EnrollmentCodeResult.LockedOut, results);
        // Each code checked and refused is audited; a guess refused for the spent allowance was never checked.
        Assert.InRange(await RejectedAsync(portal, "authenticator enrollment"), 1, await AllowanceAsync(portal));
        await AssertLockedAsync(portal, id);
    }

    [Fact]
    public async Task The_right_first_code_among_parallel_guesses_switches_the_authenticator_on_only_when_it_is_accepted()
    {
        await using var portal = new TwoFactorPortal();
        await portal.SeedAccountsAsync();
        var id = await UserIdAsync(portal);
        // Several rounds, since which check the lockout overtakes is the scheduler's choice.
        for (var round = 0; round < 4; round++)
        {
            await portal.WithScopeAsync(sp => sp.GetRequiredService<AccountLockout>().UnlockAsync(id));
            var seed = await StartAuthenticatorAsync(portal, id);
            var right = portal.CurrentCode(seed);
            var wrong = right == "000000" ? "111111" : "000000";
            await using var tabs = await Tabs.OpenAsync(portal, id);

            var results = await Race.AllAtOnceAsync(tabs.All.Select((tab, i) => (tab, code: i % 4 == 0 ? right : wrong)), pair =>
                pair.tab.Services.GetRequiredService<TwoFactorAccountService>().ConfirmAuthenticatorAsync(pair.tab.User, pair.code, null));

            // Never switched on behind a refusal: the seed is active exactly when a tab was told Confirmed.
            var active = await portal.WithScopeAsync(async sp => await sp.GetRequiredService<AuthenticatorEnrollment>()
                .IsEnrolledAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id))!));
            Assert.Equal(results.Contains(EnrollmentCodeResult.Confirmed), active);
            Assert.True(results.Count(r => r == EnrollmentCodeResult.Confirmed) <= 1);
            await portal.WithScopeAsync(async sp => await sp.GetRequiredService<AuthenticatorEnrollment>()
                .RemoveAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id))!));
        }
    }

    [Fact]
    public async Task Twenty_tabs_guessing_the_first_authy_code_send_no_more_checks_to_authy_than_one_lockout_allows()
    {
        await using var portal = await AuthyPortal.StartAsync();
        var id = await UserIdAsync(portal);
        await RegisterWithAuthyAsync(portal, id);
        await using var tabs = await Tabs.OpenAsync(portal, id);
        var pendingId = tabs.All[0].User.PendingAuthyId!;
        var wrong = portal.Authy.CurrentTokenFor(pendingId) == "0000000" ? "1111111" : "0000000";

        var results = await Race.AllAtOnceAsync(tabs.All, tab =>
            tab.Services.GetRequiredService<TwoFactorAccountService>().ConfirmAuthyAsync(tab.User, wrong, "203.0.113.9"));

        Assert.All(results, r => Assert.True(r.Status is AuthyEnrollmentStatus.WrongCode or AuthyEnrollmentStatus.LockedOut, r.Status.ToString()));
        Assert.Contains(results, r => r.Status == AuthyEnrollmentStatus.LockedOut);
        Assert.InRange(portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify).Count, 1, await AllowanceAsync(portal));
        Assert.InRange(await RejectedAsync(portal, "authy enrollment"), 1, await AllowanceAsync(portal));
        await AssertLockedAsync(portal, id);
        // The right code is not checked either while the lockout lasts.
        var right = await portal.WithScopeAsync(async sp => await sp.GetRequiredService<TwoFactorAccountService>().ConfirmAuthyAsync(
            (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id))!, portal.Authy.CurrentTokenFor(pendingId), null));
        Assert.Equal(AuthyEnrollmentStatus.LockedOut, right.Status);
        Assert.Null((await StoredUserAsync(portal, id)).AuthyId);
    }

    [Fact]
    public async Task A_first_authy_code_proves_only_the_registration_it_was_checked_for()
    {
        await using var portal = await AuthyPortal.StartAsync();
        var id = await UserIdAsync(portal);
        await RegisterWithAuthyAsync(portal, id);
        await using var tabs = await Tabs.OpenAsync(portal, id);
        var checkedFor = tabs.All[0].User.PendingAuthyId!;
        portal.Authy.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.Delay(TimeSpan.FromSeconds(1)) with { Times = 1 });

        // While Authy checks the code, the user registers another phone in another tab (Authy gives it another id).
        var confirming = tabs.All[0].Services.GetRequiredService<TwoFactorAccountService>()
            .ConfirmAuthyAsync(tabs.All[0].User, portal.Authy.CurrentTokenFor(checkedFor), null);
        await Task.Delay(300);
        await RegisterWithAuthyAsync(portal, id, "797654321");
        var result = await confirming;

        Assert.Equal(AuthyEnrollmentStatus.NotStarted, result.Status);
        var stored = (await StoredUserAsync(portal, id));
        Assert.Null(stored.AuthyId);
        Assert.NotEqual(checkedFor, stored.PendingAuthyId);
    }

    [Fact]
    public async Task Twenty_tabs_guessing_the_verify_code_send_no_more_checks_to_twilio_than_one_lockout_allows()
    {
        await using var portal = await TwilioVerifyPortal.StartAsync();
        await portal.SavePhoneAsync(PortalFactory.UserEmail);
        var id = await UserIdAsync(portal);
        var sent = await portal.WithScopeAsync(async sp => await sp.GetRequiredService<TwoFactorAccountService>().SendTwilioVerifyCodeAsync(
            (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id))!, CodeChannel.Sms));
        Assert.Equal(TwilioVerifyEnrollmentStatus.Done, sent.Status);
        await using var tabs = await Tabs.OpenAsync(portal, id);
        var wrong = portal.Verify.LastCodeTo(TwilioVerifyPortal.Phone) == "000000" ? "111111" : "000000";

        var results = await Race.AllAtOnceAsync(tabs.All, tab =>
            tab.Services.GetRequiredService<TwoFactorAccountService>().ConfirmTwilioVerifyAsync(tab.User, wrong, "203.0.113.9"));

        Assert.All(results, r => Assert.True(r.Status is TwilioVerifyEnrollmentStatus.WrongCode or TwilioVerifyEnrollmentStatus.LockedOut, r.Status.ToString()));
        Assert.Contains(results, r => r.Status == TwilioVerifyEnrollmentStatus.LockedOut);
        Assert.InRange(portal.Verify.RequestsTo(FakeVerifyEndpoint.VerificationCheck).Count, 1, await AllowanceAsync(portal));
        await AssertLockedAsync(portal, id);
    }

    [Fact]
    public async Task Twenty_tabs_guessing_a_new_numbers_code_send_no_more_checks_to_authy_than_one_lockout_allows()
    {
        await using var portal = await AuthyPortal.StartAsync();
        var (oldAuthyId, _) = await portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        var id = await UserIdAsync(portal);
        var started = await portal.WithScopeAsync(async sp => await sp.GetRequiredService<PhoneNumberChange>().SaveAsync(
            (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id))!, "CH", "079 765 43 21", portal.Authy.CurrentTokenFor(oldAuthyId), null));
        var pending = started.Pending!;
        var sentCode = Assert.Single(portal.Authy.Outbox).Code;
        var verifiesBefore = portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify).Count;
        var session = await portal.WithScopeAsync(sp => sp.GetRequiredService<UserSessions>().StartAsync(id, "the browser that asked", null));
        var stampBefore = (await StoredUserAsync(portal, id)).SecurityStamp;
        await using var tabs = await Tabs.OpenAsync(portal, id);

        var results = await Race.AllAtOnceAsync(tabs.All, tab => tab.Services.GetRequiredService<PhoneNumberChange>()
            .ConfirmAsync(tab.User, pending, sentCode == "0000000" ? "1111111" : "0000000", "203.0.113.9"));

        Assert.All(results, r => Assert.True(r.Outcome is PhoneChangeOutcome.ProofRefused or PhoneChangeOutcome.LockedOut, r.Outcome.ToString()));
        Assert.Contains(results, r => r.Outcome == PhoneChangeOutcome.LockedOut);
        Assert.InRange(portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify).Count - verifiesBefore, 1, await AllowanceAsync(portal));
        await AssertLockedAsync(portal, id);
        var after = (await StoredUserAsync(portal, id));
        Assert.Equal(oldAuthyId, after.AuthyId);
        // The lockout ends every session at once, as a lockout reached anywhere while signed in does.
        Assert.NotEqual(stampBefore, after.SecurityStamp);
        Assert.NotNull(await portal.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<UserSession>()
            .Where(s => s.Id == session).Select(s => s.EndedAt).SingleAsync()));
    }

    private static async Task<byte[]> StartAuthenticatorAsync(PortalFactory portal, string id)
    {
        var setup = await portal.WithScopeAsync(async sp => await sp.GetRequiredService<TwoFactorAccountService>()
            .StartAuthenticatorAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id))!));
        return Base32.Decode(setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal))!;
    }

    /// <summary>The wizard's first Authy step: the phone saved, then registered (pending until a first code verifies).</summary>
    private static Task<AuthyEnrollmentResult> RegisterWithAuthyAsync(AuthyPortal portal, string id, string nationalNumber = "791234567") =>
        portal.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(id))!;
            user.PhoneNumber = "+41" + nationalNumber;
            user.PhoneCountryCode = 41;
            await users.UpdateAsync(user);
            var registered = await sp.GetRequiredService<TwoFactorAccountService>().RegisterWithAuthyAsync(user);
            Assert.Equal(AuthyEnrollmentStatus.Done, registered.Status);
            return registered;
        });

    private static async Task<PortalUser> StoredUserAsync(PortalFactory portal, string id) =>
        (await portal.WithScopeAsync(sp => sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id)))!;

    private static async Task<string> UserIdAsync(PortalFactory portal) =>
        (await portal.WithScopeAsync(sp => sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail)))!.Id;

    private static async Task<int> AllowanceAsync(PortalFactory portal) =>
        (await portal.WithScopeAsync(async sp => await sp.GetRequiredService<AdvancedSettingsCache>().GetAsync())).MaxFailedAccessAttempts;

    private static Task<int> RejectedAsync(PortalFactory portal, string purpose) =>
        portal.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents
            .CountAsync(e => e.Event == AuditEvents.TwoFactorEnrollmentCodeRejected && e.Detail == purpose));

    private static async Task AssertLockedAsync(PortalFactory portal, string id) =>
        Assert.True((await portal.WithScopeAsync(async sp => await sp.GetRequiredService<AccountLockout>().ReadAsync(id))).LockedOut);

    /// <summary>Live tabs of one user, each with its scope and its copy of the user, loaded before the race.</summary>
    private sealed class Tabs : IAsyncDisposable
    {
        private readonly List<AsyncServiceScope> _scopes = [];

        public List<(IServiceProvider Services, PortalUser User)> All { get; } = [];

        public static async Task<Tabs> OpenAsync(PortalFactory portal, string userId)
        {
            var tabs = new Tabs();
            for (var i = 0; i < TabCount; i++)
            {
                var scope = portal.Services.CreateAsyncScope();
                tabs._scopes.Add(scope);
                var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!;
                tabs.All.Add((scope.ServiceProvider, user));
            }
            return tabs;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var scope in _scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }
}
