using Lucy.Portal.Core.TwoFactor;
using System.Globalization;
using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The whole second-factor pipeline: password, challenge, code check, grant, full sign-in.</summary>
public class TwoFactorLoginTests : IAsyncLifetime
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

    /// <summary>Password step, then what the prompt does while prerendering: open a challenge for the pending user.</summary>
    private async Task<(PortalSession Session, string Challenge)> PassPasswordAsync(string email = PortalFactory.UserEmail)
    {
        var session = _portal.CreateSession();
        using var login = await session.LoginAsync(email, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        var userId = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id);
        var challenge = await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(userId, PortalSession.BrowserKeyFrom(login)));
        return (session, challenge);
    }

    private Task<TwoFactorLoginResult> VerifyAsync(string challenge, EnrollmentMethod method, string code, bool remember = false) =>
        WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().VerifyCodeAsync(challenge, method, code, remember, "127.0.0.1"));

    [Theory]
    [InlineData("/")]
    [InlineData("/account")]
    [InlineData("/users")]
    [InlineData("/system/advanced-settings")]
    [InlineData("/Account/ChangePassword")]
    public async Task After_the_password_alone_no_page_of_the_portal_is_reachable(string page)
    {
        var (session, _) = await PassPasswordAsync();
        using var _session = session;

        using var response = await session.GetAsync(page);

        ResponseAssert.RedirectsTo(response, "/Account/Login");
    }

    [Fact]
    public async Task The_token_prompt_is_served_to_the_half_signed_in_user()
    {
        var (session, _) = await PassPasswordAsync();
        using var _session = session;

        using var prompt = await session.GetAsync("/Account/LoginWith2fa");

        Assert.Equal(HttpStatusCode.OK, prompt.StatusCode);
        Assert.Contains("Two-step verification", await prompt.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_token_prompt_sends_a_visitor_without_a_password_step_to_login()
    {
        using var session = _portal.CreateSession();

        using var prompt = await session.GetAsync("/Account/LoginWith2fa");

        ResponseAssert.RedirectsTo(prompt, "/Account/Login");
    }

    [Fact]
    public async Task A_valid_authenticator_code_completes_the_sign_in_through_the_grant()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;

        var result = await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed));
        Assert.Equal(TwoFactorLoginStatus.Verified, result.Status);

        using var complete = await session.CompleteSignInAsync(result.Grant!, "/account");
        ResponseAssert.RedirectsTo(complete, "/account");
        using var account = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Theory]
    [InlineData("{0} {1}")]
    [InlineData("{0}-{1}")]
    [InlineData(" {0}  {1} ")]
    public async Task An_authenticator_code_typed_with_a_space_or_a_dash_is_accepted(string layout)
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;
        var code = _portal.CurrentCode(_user.Seed);

        var result = await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, string.Format(CultureInfo.InvariantCulture, layout, code[..3], code[3..]));

        Assert.Equal(TwoFactorLoginStatus.Verified, result.Status);
    }

    [Fact]
    public async Task A_grant_works_once_only()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;
        var grant = (await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed))).Grant!;
        (await session.CompleteSignInAsync(grant)).Dispose();
        (await session.LogoutAsync()).Dispose();

        var (again, _) = await PassPasswordAsync();
        using var _again = again;
        using var replay = await again.CompleteSignInAsync(grant);

        ResponseAssert.RedirectsTo(replay, "/Account/Login");
        using var home = await again.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task A_grant_never_signs_in_another_user()
    {
        await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        var (victim, challenge) = await PassPasswordAsync();
        using var _victim = victim;
        var grant = (await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed))).Grant!;

        var (attacker, _) = await PassPasswordAsync(PortalFactory.AdminEmail);
        using var _attacker = attacker;
        using var stolen = await attacker.CompleteSignInAsync(grant);

        ResponseAssert.RedirectsTo(stolen, "/Account/Login");
        using var home = await attacker.GetAsync("/");
        ResponseAssert.RedirectsTo(home, "/Account/Login");
    }

    [Fact]
    public async Task A_grant_expires_after_a_minute()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;
        var grant = (await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed))).Grant!;

        _portal.Time.Advance(SignInChallenges.GrantLifetime + TimeSpan.FromSeconds(1));
        using var late = await session.CompleteSignInAsync(grant);

        ResponseAssert.RedirectsTo(late, "/Account/Login");
    }

    [Fact]
    public async Task Without_the_password_step_a_grant_is_refused()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;
        var grant = (await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed))).Grant!;

        using var stranger = _portal.CreateSession();
        using var response = await stranger.CompleteSignInAsync(grant);

        ResponseAssert.RedirectsTo(response, "/Account/Login");
    }

    [Fact]
    public async Task A_replayed_authenticator_code_is_refused_and_audited()
    {
        var code = _portal.CurrentCode(_user.Seed);
        var (first, challenge) = await PassPasswordAsync();
        using var _first = first;
        Assert.True((await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, code)).Succeeded);

        var (second, again) = await PassPasswordAsync();
        using var _second = second;
        var replay = await VerifyAsync(again, EnrollmentMethod.BuiltInAuthenticator, code);

        Assert.Equal(TwoFactorLoginStatus.Replayed, replay.Status);
        Assert.Null(replay.Grant);
    }

    [Fact]
    public async Task Wrong_codes_count_toward_lockout_and_then_even_the_right_code_is_refused()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;
        var max = await WithAsync(sp => Task.FromResult(sp.GetRequiredService<UserManager<PortalUser>>().Options.Lockout.MaxFailedAccessAttempts));

        TwoFactorLoginResult last = default!;
        for (var i = 0; i < max; i++)
        {
            last = await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, i == 0 ? "000000" : $"{i:D6}");
        }
        Assert.Equal(TwoFactorLoginStatus.LockedOut, last.Status);
        Assert.NotNull(last.LockedUntil);

        var right = await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed));
        Assert.Equal(TwoFactorLoginStatus.LockedOut, right.Status);
        Assert.Null(right.Grant);
    }

    [Fact]
    public async Task Attempts_left_are_shown_when_lockout_is_near()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;

        var results = new List<TwoFactorLoginResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, $"99999{i}"));
        }

        Assert.DoesNotContain("attempt", results[0].Message);
        Assert.Contains("2 attempts left", results[2].Message);
    }

    [Fact]
    public async Task A_malformed_code_gets_a_message_and_is_not_counted()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;

        var result = await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, "12ab");

        Assert.Equal(TwoFactorLoginStatus.Malformed, result.Status);
        var failed = await WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            return await users.GetAccessFailedCountAsync((await users.FindByIdAsync(_user.Id))!);
        });
        Assert.Equal(0, failed);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var code = _user.RecoveryCodes[0];
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;
        Assert.True((await VerifyAsync(challenge, EnrollmentMethod.RecoveryCode, code)).Succeeded);

        var (again, second) = await PassPasswordAsync();
        using var _again = again;
        var reuse = await VerifyAsync(second, EnrollmentMethod.RecoveryCode, code);

        Assert.Equal(TwoFactorLoginStatus.WrongCode, reuse.Status);
    }

    [Fact]
    public async Task A_challenge_expires_with_the_two_factor_window()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;

        _portal.Time.Advance(SignInChallenges.ChallengeLifetime + TimeSpan.FromSeconds(1));
        var result = await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed));

        Assert.Equal(TwoFactorLoginStatus.Expired, result.Status);
    }

    [Fact]
    public async Task A_remembered_device_skips_the_prompt_until_the_password_changes()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _session = session;
        var grant = (await VerifyAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed), remember: true)).Grant!;
        (await session.CompleteSignInAsync(grant)).Dispose();
        (await session.LogoutAsync()).Dispose();

        using var remembered = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(remembered, "/");
        Assert.DoesNotContain("LoginWith2fa", remembered.Headers.Location!.ToString());

        var (otherBrowser, _) = await PassPasswordAsync();
        otherBrowser.Dispose();

        await WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(_user.Id))!;
            return await users.ChangePasswordAsync(user, PortalFactory.Password, "a second long passphrase");
        });
        (await session.LogoutAsync()).Dispose();
        using var afterChange = await session.LoginAsync(PortalFactory.UserEmail, "a second long passphrase");
        ResponseAssert.RedirectsTo(afterChange, "/Account/LoginWith2fa");
    }
}
