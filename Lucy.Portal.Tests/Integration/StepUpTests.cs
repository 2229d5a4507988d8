using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>Step-up before dangerous actions (ASVS 5.0 7.5.1): the proof on the session row, its window, and who proves how.</summary>
public sealed class StepUpTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();

    public async Task InitializeAsync() => await _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    private Task<PortalUser> UserAsync(string email) =>
        WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!);

    private async Task<string> StartSessionAsync(string email) =>
        (await WithAsync(async sp => await sp.GetRequiredService<UserSessions>().StartAsync((await UserAsync(email)).Id, "test", null))).ToString();

    private async Task<StepUpNeed> NeedAsync(string email, string sessionId)
    {
        var id = (await UserAsync(email)).Id;
        return await WithAsync(sp => sp.GetRequiredService<StepUpVerification>().NeedAsync(id, sessionId));
    }

    private Task<CurrentFactorCheck> ProveAsync(string email, string sessionId, string code) =>
        WithAsync(async sp => await sp.GetRequiredService<StepUpVerification>()
            .ProveWithFactorAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!, sessionId, code, "save settings", null));

    private Task<StepUpPasswordResult> ProvePasswordAsync(string email, string sessionId, string password) =>
        WithAsync(async sp => await sp.GetRequiredService<StepUpVerification>()
            .ProveWithPasswordAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!, sessionId, password, "save settings", null));

    private async Task SetPolicyAsync(TwoFactorRequiredFor who, int days, int stepUpMinutes = 5)
    {
        var result = await WithAsync(sp => sp.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new TwoFactorPolicySection(new TwoFactorPolicy(who, days, days, stepUpMinutes)), new SettingsActor("test", null)));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Signing_in_through_the_token_prompt_counts_as_a_step_up_for_five_minutes()
    {
        var admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        using var session = _portal.CreateSession();
        using var login = await session.LoginAsync(admin.Email, PortalFactory.Password);
        var challenge = await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(admin.Id, PortalSession.BrowserKeyFrom(login)));
        var verified = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(admin.Seed), false, "127.0.0.1"));
        (await session.CompleteSignInAsync(verified.Grant!)).Dispose();
        var sessionId = (await WithAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<UserSession>()
            .SingleAsync(s => s.UserId == admin.Id && s.EndedAt == null))).Id.ToString();

        Assert.Equal(StepUpNeed.None, await NeedAsync(admin.Email, sessionId));
        _portal.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(StepUpNeed.SecondFactor, await NeedAsync(admin.Email, sessionId));
    }

    [Fact]
    public async Task The_password_sign_in_of_an_account_without_2fa_counts_as_its_step_up()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password)).Dispose();
        var sessionId = await OpenSessionOfAsync(PortalFactory.AdminEmail);

        Assert.Equal(StepUpNeed.None, await NeedAsync(PortalFactory.AdminEmail, sessionId));
        _portal.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(StepUpNeed.Password, await NeedAsync(PortalFactory.AdminEmail, sessionId));
    }

    [Fact]
    public async Task A_fresh_password_sign_in_does_not_replace_the_2fa_the_policy_requires()
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Administrators, 7);
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password)).Dispose();

        Assert.Equal(StepUpNeed.EnrolFirst, await NeedAsync(PortalFactory.AdminEmail, await OpenSessionOfAsync(PortalFactory.AdminEmail)));
    }

    [Fact]
    public async Task A_remembered_device_sign_in_skips_the_factor_and_so_proves_nothing()
    {
        var admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        using var session = _portal.CreateSession();
        using var login = await session.LoginAsync(admin.Email, PortalFactory.Password);
        var challenge = await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(admin.Id, PortalSession.BrowserKeyFrom(login)));
        var verified = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(admin.Seed), true, "127.0.0.1"));
        (await session.CompleteSignInAsync(verified.Grant!)).Dispose();
        (await session.LogoutAsync()).Dispose();

        using var again = await session.LoginAsync(admin.Email, PortalFactory.Password);
        ResponseAssert.RedirectsTo(again, "/");

        Assert.Equal(StepUpNeed.SecondFactor, await NeedAsync(admin.Email, await OpenSessionOfAsync(admin.Email)));
    }

    private async Task<string> OpenSessionOfAsync(string email)
    {
        var id = (await UserAsync(email)).Id;
        return (await WithAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<UserSession>()
            .SingleAsync(s => s.UserId == id && s.EndedAt == null))).Id.ToString();
    }

    [Fact]
    public async Task A_current_code_proves_the_step_up_for_this_session_only_and_within_the_configured_window()
    {
        var admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        await SetPolicyAsync(TwoFactorRequiredFor.Off, 7, stepUpMinutes: 10);
        var here = await StartSessionAsync(admin.Email);
        var elsewhere = await StartSessionAsync(admin.Email);
        Assert.Equal(StepUpNeed.SecondFactor, await NeedAsync(admin.Email, here));

        Assert.Equal(CurrentFactorCheck.Accepted, await ProveAsync(admin.Email, here, _portal.CurrentCode(admin.Seed)));

        Assert.Equal(StepUpNeed.None, await NeedAsync(admin.Email, here));
        Assert.Equal(StepUpNeed.SecondFactor, await NeedAsync(admin.Email, elsewhere));
        _portal.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(StepUpNeed.None, await NeedAsync(admin.Email, here));
        _portal.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StepUpNeed.SecondFactor, await NeedAsync(admin.Email, here));
    }

    [Fact]
    public async Task A_wrong_code_proves_nothing_and_counts_toward_lockout()
    {
        var admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        var sessionId = await StartSessionAsync(admin.Email);

        Assert.Equal(CurrentFactorCheck.InvalidCode, await ProveAsync(admin.Email, sessionId, "000000"));

        Assert.Equal(StepUpNeed.SecondFactor, await NeedAsync(admin.Email, sessionId));
        Assert.Equal(1, (await UserAsync(admin.Email)).AccessFailedCount);
    }

    [Fact]
    public async Task A_recovery_code_also_proves_the_step_up()
    {
        var admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        var sessionId = await StartSessionAsync(admin.Email);

        Assert.Equal(CurrentFactorCheck.Accepted, await ProveAsync(admin.Email, sessionId, admin.RecoveryCodes[0]));

        Assert.Equal(StepUpNeed.None, await NeedAsync(admin.Email, sessionId));
    }

    [Fact]
    public async Task An_ended_session_can_prove_nothing()
    {
        var admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        var sessionId = await StartSessionAsync(admin.Email);
        await WithAsync(async sp => { await sp.GetRequiredService<UserSessions>().EndAsync(sessionId, SessionEndReasons.LoggedOut); return true; });

        Assert.Equal(StepUpNeed.NoSession, await NeedAsync(admin.Email, sessionId));
        Assert.NotEqual(CurrentFactorCheck.Accepted, await ProveAsync(admin.Email, sessionId, _portal.CurrentCode(admin.Seed)));
    }

    [Fact]
    public async Task Without_2fa_and_without_a_policy_requiring_it_the_password_proves_the_step_up()
    {
        var sessionId = await StartSessionAsync(PortalFactory.AdminEmail);
        Assert.Equal(StepUpNeed.Password, await NeedAsync(PortalFactory.AdminEmail, sessionId));

        Assert.Equal(StepUpPasswordResult.Wrong, await ProvePasswordAsync(PortalFactory.AdminEmail, sessionId, "not the password"));
        Assert.Equal(StepUpNeed.Password, await NeedAsync(PortalFactory.AdminEmail, sessionId));
        Assert.Equal(StepUpPasswordResult.Accepted, await ProvePasswordAsync(PortalFactory.AdminEmail, sessionId, PortalFactory.Password));

        Assert.Equal(StepUpNeed.None, await NeedAsync(PortalFactory.AdminEmail, sessionId));
    }

    [Fact]
    public async Task An_administrator_without_2fa_must_enrol_first_when_the_policy_requires_it()
    {
        await SetPolicyAsync(TwoFactorRequiredFor.Administrators, 7);
        var sessionId = await StartSessionAsync(PortalFactory.AdminEmail);

        Assert.Equal(StepUpNeed.EnrolFirst, await NeedAsync(PortalFactory.AdminEmail, sessionId));
        Assert.Equal(StepUpPasswordResult.NotAllowed, await ProvePasswordAsync(PortalFactory.AdminEmail, sessionId, PortalFactory.Password));
        Assert.Equal(StepUpNeed.EnrolFirst, await NeedAsync(PortalFactory.AdminEmail, sessionId));
    }

    [Fact]
    public async Task An_account_with_2fa_can_never_step_up_with_the_password_alone()
    {
        var admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        var sessionId = await StartSessionAsync(admin.Email);

        Assert.Equal(StepUpPasswordResult.NotAllowed, await ProvePasswordAsync(admin.Email, sessionId, PortalFactory.Password));
        Assert.Equal(StepUpNeed.SecondFactor, await NeedAsync(admin.Email, sessionId));
    }

    [Fact]
    public async Task Wrong_step_up_passwords_lock_the_account_like_wrong_login_passwords_and_end_its_sessions()
    {
        var sessionId = await StartSessionAsync(PortalFactory.AdminEmail);

        var results = new List<StepUpPasswordResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await ProvePasswordAsync(PortalFactory.AdminEmail, sessionId, "wrong " + i));
        }

        Assert.Equal(StepUpPasswordResult.LockedOut, results[^1]);
        // The session that guessed is over at once, and with it any proof in it.
        Assert.Equal(StepUpNeed.NoSession, await NeedAsync(PortalFactory.AdminEmail, sessionId));
        Assert.NotEqual(StepUpPasswordResult.Accepted, await ProvePasswordAsync(PortalFactory.AdminEmail, sessionId, PortalFactory.Password));
        Assert.Equal(StepUpPasswordResult.LockedOut, await ProvePasswordAsync(PortalFactory.AdminEmail, await StartSessionAsync(PortalFactory.AdminEmail), PortalFactory.Password));
    }
}
