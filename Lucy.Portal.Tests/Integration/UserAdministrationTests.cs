using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Administration;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>An administrator resets a user's 2FA and ends a user's sessions (Users page), through the real pipeline.</summary>
public class UserAdministrationTests : IAsyncLifetime
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

    private Task<AdministratorActionResult> ResetAsync(string typedEmail, string? userId = null) =>
        WithAsync(async sp =>
        {
            var admin = (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail))!;
            return await sp.GetRequiredService<TwoFactorReset>().ResetAsync(userId ?? _user.Id, typedEmail, admin);
        });

    private Task<AdministratorActionResult> EndSessionsAsync(string? userId = null) =>
        WithAsync(async sp =>
        {
            var admin = (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail))!;
            return await sp.GetRequiredService<UserSessionEnd>().EndAllAsync(userId ?? _user.Id, admin);
        });

    /// <summary>Password, authenticator code (optionally remembering the device), signed in.</summary>
    private async Task<PortalSession> SignInWithCodeAsync(bool remember = false, PortalSession? session = null)
    {
        session ??= _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        var challenge = await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(_user.Id, PortalSession.BrowserKeyFrom(login)));
        var verified = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed), remember, "127.0.0.1"));
        _portal.Time.Advance(TimeSpan.FromSeconds(30));
        using var completed = await session.CompleteSignInAsync(verified.Grant!);
        ResponseAssert.RedirectsTo(completed, "/");
        return session;
    }

    private static async Task AssertSignedInAsync(PortalSession session)
    {
        using var page = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static async Task AssertSignedOutAsync(PortalSession session)
    {
        using var page = await session.GetAsync("/account");
        ResponseAssert.RedirectsTo(page, "/Account/Login");
    }

    private Task<PortalUser> ReloadUserAsync() =>
        WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_user.Id))!);

    private Task<int> CountAsync<T>() where T : class =>
        WithAsync(sp => sp.GetRequiredService<PortalDbContext>().Set<T>().CountAsync());

    [Fact]
    public async Task Reset_2fa_removes_every_factor_recovery_code_and_remembered_device_and_turns_2fa_off()
    {
        using var remembered = await SignInWithCodeAsync(remember: true);
        Assert.Equal(1, await CountAsync<RememberedDevice>());

        var result = await ResetAsync(PortalFactory.UserEmail);

        Assert.True(result.Succeeded, result.Message);
        var user = await ReloadUserAsync();
        Assert.False(user.TwoFactorEnabled);
        Assert.Equal(0, await CountAsync<AuthenticatorKey>());
        Assert.Equal(0, await CountAsync<RecoveryCode>());
        Assert.Equal(0, await CountAsync<RememberedDevice>());
    }

    [Fact]
    public async Task Reset_2fa_with_a_mistyped_email_changes_nothing()
    {
        var result = await ResetAsync("user@lucy.tes");

        Assert.Equal(AdministratorActionStatus.ConfirmationMismatch, result.Status);
        Assert.True((await ReloadUserAsync()).TwoFactorEnabled);
        Assert.Equal(1, await CountAsync<AuthenticatorKey>());
        Assert.Equal(10, await CountAsync<RecoveryCode>());
    }

    [Fact]
    public async Task Reset_2fa_accepts_the_email_typed_in_another_case()
    {
        var result = await ResetAsync("  USER@Lucy.Test ");

        Assert.True(result.Succeeded, result.Message);
    }

    [Fact]
    public async Task An_administrator_cannot_reset_their_own_2fa_from_the_users_page()
    {
        var adminId = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail))!.Id);

        var result = await ResetAsync(PortalFactory.AdminEmail, adminId);

        Assert.Equal(AdministratorActionStatus.OwnAccount, result.Status);
    }

    [Fact]
    public async Task After_a_reset_every_session_of_the_user_has_ended_and_the_password_alone_signs_in()
    {
        using var before = await SignInWithCodeAsync();
        await AssertSignedInAsync(before);

        Assert.True((await ResetAsync(PortalFactory.UserEmail)).Succeeded);

        await AssertSignedOutAsync(before);
        using var after = _portal.CreateSession();
        using var login = await after.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");
        Assert.DoesNotContain("LoginWith2fa", login.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_device_remembered_before_the_reset_asks_for_a_code_once_the_user_enrolled_again()
    {
        using var browser = await SignInWithCodeAsync(remember: true);
        Assert.True((await ResetAsync(PortalFactory.UserEmail)).Succeeded);
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);

        using var login = await browser.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);

        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
    }

    [Fact]
    public async Task Reset_2fa_is_audited_and_the_user_is_notified()
    {
        Assert.True((await ResetAsync(PortalFactory.UserEmail)).Succeeded);

        var audit = await WithAsync(sp => sp.GetRequiredService<AuditLog>().RecentAsync(20));
        var reset = Assert.Single(audit, e => e.Event == AuditEvents.TwoFactorResetByAdministrator);
        Assert.Equal(PortalFactory.AdminEmail, reset.ActorEmail);
        Assert.Equal(_user.Id, reset.SubjectId);
        Assert.Contains(audit, e => e.Event == AuditEvents.NoticeRecorded && e.SubjectId == _user.Id
            && e.Detail == nameof(Lucy.Portal.Core.Notifications.UserNoticeKind.TwoFactorResetByAdministrator));
    }

    [Fact]
    public async Task End_sessions_signs_out_every_browser_of_the_user_and_notifies_them()
    {
        using var first = await SignInWithCodeAsync();
        using var second = await SignInWithCodeAsync();

        var result = await EndSessionsAsync();

        Assert.True(result.Succeeded, result.Message);
        await AssertSignedOutAsync(first);
        await AssertSignedOutAsync(second);
        var audit = await WithAsync(sp => sp.GetRequiredService<AuditLog>().RecentAsync(20));
        var ended = Assert.Single(audit, e => e.Event == AuditEvents.SessionsEndedByAdministrator);
        Assert.Contains("2 sessions ended", ended.Detail);
        Assert.Contains(audit, e => e.Event == AuditEvents.NoticeRecorded && e.SubjectId == _user.Id
            && e.Detail!.StartsWith(nameof(Lucy.Portal.Core.Notifications.UserNoticeKind.SessionsEndedByAdministrator), StringComparison.Ordinal));
        Assert.True((await ReloadUserAsync()).TwoFactorEnabled);
    }

    [Fact]
    public async Task End_sessions_of_a_user_leaves_the_administrators_session_open()
    {
        using var admin = _portal.CreateSession();
        (await admin.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password)).Dispose();

        Assert.True((await EndSessionsAsync()).Succeeded);

        await AssertSignedInAsync(admin);
    }

    [Fact]
    public async Task The_users_list_shows_methods_recovery_codes_left_last_sign_in_and_lockout()
    {
        using var session = await SignInWithCodeAsync();
        await WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(_user.Id))!;
            await users.RedeemTwoFactorRecoveryCodeAsync(user, _user.RecoveryCodes[0]);
            return await users.SetLockoutEndDateAsync(user, _portal.Time.GetUtcNow().AddMinutes(5));
        });

        var page = await WithAsync(sp => sp.GetRequiredService<UserList>().GetPageAsync(new UserListQuery(0, 25)));

        Assert.Equal(2, page.Total);
        var row = Assert.Single(page.Users, u => u.Email == PortalFactory.UserEmail);
        Assert.Equal([EnrollmentMethod.BuiltInAuthenticator], row.TwoFactorMethods);
        Assert.Equal(9, row.RecoveryCodesLeft);
        Assert.NotNull(row.LastSignInAt);
        Assert.NotNull(row.LockedOutUntil);
        var admin = Assert.Single(page.Users, u => u.Email == PortalFactory.AdminEmail);
        Assert.Empty(admin.TwoFactorMethods);
        Assert.Null(admin.LastSignInAt);
        Assert.Null(admin.LockedOutUntil);
    }

    [Fact]
    public async Task A_plain_user_cannot_open_the_users_page()
    {
        using var session = await SignInWithCodeAsync();

        using var page = await session.GetAsync("/users");

        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
    }
}
