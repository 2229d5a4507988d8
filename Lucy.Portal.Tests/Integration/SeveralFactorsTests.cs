using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>Issue 12, "Several factors per user": an authenticator app and Authy side by side, named, one the default.</summary>
public class SeveralFactorsTests : IAsyncLifetime
{
    private AuthyPortal _portal = default!;
    private string _authyId = default!;
    private EnrolledUser _user = default!;

    public async Task InitializeAsync()
    {
        _portal = await AuthyPortal.StartAsync();
        (_authyId, _) = await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<T> WithUserAsync<T>(Func<TwoFactorAccountService, PortalUser, IServiceProvider, Task<T>> action)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!;
        return await action(scope.ServiceProvider.GetRequiredService<TwoFactorAccountService>(), user, scope.ServiceProvider);
    }

    private async Task<string> ChallengeAsync()
    {
        var session = _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        return await WithUserAsync((_, user, sp) => sp.GetRequiredService<SignInChallenges>().OpenAsync(user.Id, PortalSession.BrowserKeyFrom(login)));
    }

    private Task<TwoFactorPrompt?> PromptAsync(string challenge) =>
        WithUserAsync((_, _, sp) => sp.GetRequiredService<TwoFactorLogin>().GetPromptAsync(challenge));

    private Task<TwoFactorLoginResult> VerifyAsync(string challenge, EnrollmentMethod method, string code) =>
        WithUserAsync((_, _, sp) => sp.GetRequiredService<TwoFactorLogin>().VerifyCodeAsync(challenge, method, code, false, "127.0.0.1"));

    private string AuthyCode() => _portal.Authy.CurrentTokenFor(_authyId);

    private string AuthenticatorCode() => _portal.CurrentCode(_user.Seed);

    [Fact]
    public async Task Renaming_one_factor_changes_its_name_only_and_is_audited_with_both_names()
    {
        var tooLong = new string('x', UserFactor.MaxNameLength + 10);

        Assert.True(await WithUserAsync((t, u, _) => t.RenameFactorAsync(u, EnrollmentMethod.Authy, " Old phone ", "203.0.113.9")));
        Assert.False(await WithUserAsync((t, u, _) => t.RenameFactorAsync(u, EnrollmentMethod.Authy, " \n ", null)));
        Assert.False(await WithUserAsync((t, u, _) => t.RenameFactorAsync(u, EnrollmentMethod.TwilioVerify, "Not mine", null)));
        Assert.True(await WithUserAsync((t, u, _) => t.RenameFactorAsync(u, EnrollmentMethod.BuiltInAuthenticator, tooLong, null)));

        var factors = await WithUserAsync((t, u, _) => t.ListFactorsAsync(u));
        Assert.Equal([new string('x', UserFactor.MaxNameLength), "Old phone"], factors.Select(f => f.Name));
        Assert.True(factors[0].IsDefault);
        var audited = await WithUserAsync(async (_, _, sp) => (await sp.GetRequiredService<AuditLog>().RecentAsync(50))
            .Where(e => e.Event == AuditEvents.FactorRenamed).ToList());
        Assert.Equal(2, audited.Count);
        Assert.Contains(audited, e => e.Detail == "Authy: Authy → Old phone" && e.IpAddress == "203.0.113.9" && e.ActorEmail == PortalFactory.UserEmail);
    }

    [Fact]
    public async Task The_account_lists_both_factors_with_the_first_one_as_default()
    {
        var factors = await WithUserAsync((t, u, _) => t.ListFactorsAsync(u));

        Assert.Equal([EnrollmentMethod.BuiltInAuthenticator, EnrollmentMethod.Authy], factors.Select(f => f.Method));
        Assert.Equal(["Authenticator app", "Authy"], factors.Select(f => f.Name));
        Assert.True(factors[0].IsDefault);
        Assert.False(factors[1].IsDefault);
    }

    [Fact]
    public async Task The_prompt_offers_each_factor_with_the_default_first_and_recovery_codes_last()
    {
        Assert.True(await WithUserAsync((t, u, _) => t.SetDefaultFactorAsync(u, EnrollmentMethod.Authy)));

        var prompt = await PromptAsync(await ChallengeAsync());

        Assert.Equal([EnrollmentMethod.Authy, EnrollmentMethod.BuiltInAuthenticator, EnrollmentMethod.RecoveryCode], prompt!.Methods);
    }

    [Fact]
    public async Task Either_factor_signs_in_and_its_last_use_is_recorded()
    {
        Assert.True((await VerifyAsync(await ChallengeAsync(), EnrollmentMethod.Authy, AuthyCode())).Succeeded);
        Assert.True((await VerifyAsync(await ChallengeAsync(), EnrollmentMethod.BuiltInAuthenticator, AuthenticatorCode())).Succeeded);

        var factors = await WithUserAsync((t, u, _) => t.ListFactorsAsync(u));
        Assert.All(factors, f => Assert.Equal(_portal.Time.GetUtcNow(), f.LastUsedAt));
    }

    [Fact]
    public async Task A_factor_cannot_be_removed_with_its_own_code()
    {
        var check = await WithUserAsync((t, u, _) => t.RemoveFactorAsync(u, EnrollmentMethod.Authy, EnrollmentMethod.Authy, AuthyCode(), null));

        Assert.Equal(CurrentFactorCheck.SameFactor, check);
        Assert.Equal(_authyId, await WithUserAsync((_, u, _) => Task.FromResult(u.AuthyId)));
    }

    [Fact]
    public async Task A_wrong_code_from_another_factor_removes_nothing_and_counts()
    {
        var check = await WithUserAsync((t, u, _) => t.RemoveFactorAsync(u, EnrollmentMethod.Authy, EnrollmentMethod.BuiltInAuthenticator, "000000", null));

        Assert.Equal(CurrentFactorCheck.InvalidCode, check);
        Assert.Equal(_authyId, await WithUserAsync((_, u, _) => Task.FromResult(u.AuthyId)));
        Assert.Equal(1, await WithUserAsync((_, u, sp) => sp.GetRequiredService<UserManager<PortalUser>>().GetAccessFailedCountAsync(u)));
    }

    [Fact]
    public async Task A_code_from_another_factor_removes_one_factor_and_keeps_2fa_on_without_a_logout()
    {
        var stamp = await WithUserAsync((_, u, _) => Task.FromResult(u.SecurityStamp));

        var check = await WithUserAsync((t, u, _) =>
            t.RemoveFactorAsync(u, EnrollmentMethod.Authy, EnrollmentMethod.BuiltInAuthenticator, AuthenticatorCode(), null));

        Assert.Equal(CurrentFactorCheck.Accepted, check);
        var (authyId, enabled, stampAfter) = await WithUserAsync((_, u, _) => Task.FromResult((u.AuthyId, u.TwoFactorEnabled, u.SecurityStamp)));
        Assert.Null(authyId);
        Assert.True(enabled);
        Assert.Equal(stamp, stampAfter);
        Assert.Equal([EnrollmentMethod.BuiltInAuthenticator], (await WithUserAsync((t, u, _) => t.ListFactorsAsync(u))).Select(f => f.Method));
        Assert.Equal([EnrollmentMethod.BuiltInAuthenticator, EnrollmentMethod.RecoveryCode], (await PromptAsync(await ChallengeAsync()))!.Methods);
    }

    [Fact]
    public async Task Two_tabs_removing_each_factor_at_once_never_leave_2fa_on_without_a_factor()
    {
        // Each tab proves with the factor the other one removes; each sees two factors when it starts.
        var removals = new[]
        {
            (Remove: EnrollmentMethod.Authy, Proof: EnrollmentMethod.BuiltInAuthenticator, Code: AuthenticatorCode()),
            (Remove: EnrollmentMethod.BuiltInAuthenticator, Proof: EnrollmentMethod.Authy, Code: AuthyCode()),
        };
        var checks = await Race.AllAtOnceAsync(removals, removal =>
            WithUserAsync((t, u, _) => t.RemoveFactorAsync(u, removal.Remove, removal.Proof, removal.Code, null)));

        var enabled = await WithUserAsync((_, u, _) => Task.FromResult(u.TwoFactorEnabled));
        var left = await WithUserAsync((t, u, _) => t.ListFactorsAsync(u));
        Assert.Contains(CurrentFactorCheck.Accepted, checks);
        // Either one factor is left and 2FA stays on, or both went and 2FA is off (as removing the last one does).
        Assert.True(enabled ? left.Count == 1 : left.Count == 0,
            $"2FA on: {enabled}, factors left: {string.Join(", ", left.Select(f => f.Method))}, checks: {string.Join(", ", checks)}");
    }

    [Fact]
    public async Task Removing_the_last_factor_with_a_recovery_code_turns_2fa_off()
    {
        Assert.Equal(CurrentFactorCheck.Accepted, await WithUserAsync((t, u, _) =>
            t.RemoveFactorAsync(u, EnrollmentMethod.Authy, EnrollmentMethod.RecoveryCode, _user.RecoveryCodes[0], null)));

        var check = await WithUserAsync((t, u, _) =>
            t.RemoveFactorAsync(u, EnrollmentMethod.BuiltInAuthenticator, EnrollmentMethod.RecoveryCode, _user.RecoveryCodes[1], null));

        Assert.Equal(CurrentFactorCheck.Accepted, check);
        Assert.False(await WithUserAsync((_, u, _) => Task.FromResult(u.TwoFactorEnabled)));
        Assert.Null(await WithUserAsync((t, u, _) => t.ConfirmedMethodAsync(u)));
        Assert.Equal(0, await WithUserAsync((_, u, sp) => sp.GetRequiredService<UserManager<PortalUser>>().CountRecoveryCodesAsync(u)));
    }

    [Fact]
    public async Task Adding_a_factor_while_2fa_is_on_keeps_the_recovery_codes_and_the_session_and_names_it()
    {
        Assert.Equal(CurrentFactorCheck.Accepted, await WithUserAsync((t, u, _) =>
            t.RemoveFactorAsync(u, EnrollmentMethod.Authy, EnrollmentMethod.BuiltInAuthenticator, AuthenticatorCode(), null)));
        _portal.Time.Advance(TimeSpan.FromSeconds(30));
        var before = await WithUserAsync(async (_, u, sp) =>
            (u.SecurityStamp, await sp.GetRequiredService<UserManager<PortalUser>>().CountRecoveryCodesAsync(u)));
        await WithUserAsync(async (_, u, sp) =>
        {
            u.AuthyId = _authyId; // what the wizard's Authy steps leave once the first code verified
            return await sp.GetRequiredService<UserManager<PortalUser>>().UpdateAsync(u);
        });
        var stampAfterAuthy = await WithUserAsync((_, u, _) => Task.FromResult(u.SecurityStamp));

        Assert.True(await WithUserAsync((t, u, _) => t.CompleteAddingFactorAsync(u, EnrollmentMethod.Authy, "  My phone  ", null)));

        var after = await WithUserAsync(async (_, u, sp) =>
            (u.SecurityStamp, await sp.GetRequiredService<UserManager<PortalUser>>().CountRecoveryCodesAsync(u)));
        Assert.Equal(before.Item2, after.Item2);
        Assert.Equal(stampAfterAuthy, after.SecurityStamp);
        var authy = (await WithUserAsync((t, u, _) => t.ListFactorsAsync(u))).Single(f => f.Method == EnrollmentMethod.Authy);
        Assert.Equal("My phone", authy.Name);
        Assert.False(authy.IsDefault);
    }

    [Fact]
    public async Task A_method_the_user_does_not_hold_cannot_be_recorded_as_added()
    {
        Assert.False(await WithUserAsync((t, u, _) => t.CompleteAddingFactorAsync(u, EnrollmentMethod.TwilioVerify, "Not mine", null)));
        Assert.False(await WithUserAsync((t, u, _) => t.CompleteAddingFactorAsync(u, EnrollmentMethod.RecoveryCode, "Not a factor", null)));
    }

    [Fact]
    public async Task With_2fa_on_a_new_authenticator_never_replaces_the_one_the_user_holds()
    {
        var setup = await WithUserAsync((t, u, _) => t.StartAuthenticatorAsync(u));
        var newSeed = Base32.Decode(setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal))!;

        var result = await WithUserAsync((t, u, _) => t.ConfirmAuthenticatorAsync(u, _portal.CurrentCode(newSeed), null));

        Assert.Equal(EnrollmentCodeResult.NoPendingEnrollment, result);
        Assert.True((await VerifyAsync(await ChallengeAsync(), EnrollmentMethod.BuiltInAuthenticator, AuthenticatorCode())).Succeeded);
    }
}
