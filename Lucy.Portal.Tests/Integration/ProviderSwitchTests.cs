using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// Removing the Authy key (or switching the provider) locks nobody out: users whose only factor was Authy sign in with
/// a recovery code and are led to enrol a new factor within the grace period; the page counts them first.
/// </summary>
public sealed class ProviderSwitchTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();
    private List<string> _recoveryCodes = [];

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        await WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var row = await db.Set<AdvancedSettingsRow>().FirstOrDefaultAsync() ?? db.Add(new AdvancedSettingsRow()).Entity;
            row.TwoFactorProvider = TwoFactorProviderKind.Authy;
            row.ProtectedAuthyApiKey = sp.GetRequiredService<SettingsSecretProtector>().ProtectAuthyApiKey("0123456789abcdef0123456789abcdef");
            await db.SaveChangesAsync();
            sp.GetRequiredService<AdvancedSettingsCache>().Invalidate();

            // A user enrolled with Authy alone, as the Configure 2FA wizard leaves them.
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
            user.AuthyId = "4242";
            await users.UpdateAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            _recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
            return true;
        });
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    private Task<string> UserIdAsync() =>
        WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id);

    private async Task RemoveKeyAsync()
    {
        var result = await WithAsync(sp => sp.GetRequiredService<AuthyKeySettings>().RemoveKeyAsync(new SettingsActor("admin", null)));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Before_the_key_is_removed_the_page_can_count_the_users_left_with_recovery_codes_only()
    {
        await _portal.CreateUserAsync("enrolled@lucy.test", PortalRoles.User, mustChangePassword: false);
        await _portal.EnrollAuthenticatorAsync("enrolled@lucy.test");

        var keyRemoved = await WithAsync(sp => sp.GetRequiredService<TwoFactorPolicyImpact>().StrandedByAsync(new ProviderAvailability(false, false)));
        var keptAuthy = await WithAsync(sp => sp.GetRequiredService<TwoFactorPolicyImpact>().StrandedByAsync(new ProviderAvailability(true, false)));

        Assert.Equal(1, keyRemoved);
        Assert.Equal(0, keptAuthy);
    }

    [Fact]
    public async Task After_the_key_is_removed_the_user_gets_the_grace_period_even_with_the_policy_off()
    {
        var userId = await UserIdAsync();
        Assert.Equal(TwoFactorObligation.None, await WithAsync(sp => sp.GetRequiredService<TwoFactorEnforcement>().GetObligationAsync(userId)));

        await RemoveKeyAsync();

        var obligation = await WithAsync(sp => sp.GetRequiredService<TwoFactorEnforcement>().GetObligationAsync(userId));
        Assert.Equal(TwoFactorObligationKind.WithinGrace, obligation.Kind);
        Assert.Equal(_portal.Time.GetUtcNow() + TimeSpan.FromDays(TwoFactorPolicy.DefaultGraceDays), obligation.Deadline);
    }

    [Fact]
    public async Task A_switch_restarts_the_clock_of_stranded_users_even_under_an_old_policy()
    {
        var policy = await WithAsync(sp => sp.GetRequiredService<AdvancedSettingsService>().SaveAsync(
            new TwoFactorPolicySection(new TwoFactorPolicy(TwoFactorRequiredFor.Everyone, 3, 3, 5)), new SettingsActor("admin", null)));
        Assert.True(policy.Succeeded);
        _portal.Time.Advance(TimeSpan.FromDays(30));

        var switched = await WithAsync(sp => sp.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new TwoFactorProviderSection(TwoFactorProviderKind.BuiltInAuthenticator), new SettingsActor("admin", null)));
        Assert.True(switched.Succeeded);

        var userId = await UserIdAsync();
        var obligation = await WithAsync(sp => sp.GetRequiredService<TwoFactorEnforcement>().GetObligationAsync(userId));
        Assert.Equal(new TwoFactorObligation(TwoFactorObligationKind.WithinGrace, _portal.Time.GetUtcNow() + TimeSpan.FromDays(3)), obligation);
    }

    [Fact]
    public async Task A_stranded_user_signs_in_with_a_recovery_code_and_is_shown_the_deadline()
    {
        await RemoveKeyAsync();
        var userId = await UserIdAsync();
        using var session = _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        var challenge = await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(userId, PortalSession.BrowserKeyFrom(login)));

        var prompt = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().GetPromptAsync(challenge));
        Assert.Equal([EnrollmentMethod.RecoveryCode], prompt!.Methods);
        var verified = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.RecoveryCode, _recoveryCodes[0], false, "127.0.0.1"));
        Assert.Equal(TwoFactorLoginStatus.Verified, verified.Status);
        (await session.CompleteSignInAsync(verified.Grant!)).Dispose();

        using var home = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("data-testid=\"two-factor-policy-banner\"", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Opening_the_wizard_clears_the_dead_factor_so_a_new_one_can_be_enrolled()
    {
        await RemoveKeyAsync();
        var userId = await UserIdAsync();

        var retired = await WithAsync(async sp => await sp.GetRequiredService<StrandedFactorRetirement>()
            .RetireAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!, null));

        Assert.True(retired);
        var status = await WithAsync(async sp => await sp.GetRequiredService<Lucy.Portal.Core.TwoFactor.TwoFactorAccountService>()
            .GetStatusAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!));
        Assert.Equal(Lucy.Portal.Core.TwoFactor.TwoFactorStatus.Off, status);
        var user = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!);
        Assert.Null(user.AuthyId);
        Assert.Equal(0, await WithAsync(async sp => await sp.GetRequiredService<UserManager<PortalUser>>().CountRecoveryCodesAsync(user)));
    }

    [Fact]
    public async Task A_user_whose_factor_still_works_keeps_it_when_opening_the_wizard()
    {
        var userId = await UserIdAsync();

        var retired = await WithAsync(async sp => await sp.GetRequiredService<StrandedFactorRetirement>()
            .RetireAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!, null));

        Assert.False(retired);
        var user = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(userId))!);
        Assert.Equal("4242", user.AuthyId);
        Assert.True(user.TwoFactorEnabled);
    }
}
