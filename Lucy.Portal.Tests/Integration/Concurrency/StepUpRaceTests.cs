using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.Concurrency;

/// <summary>
/// Step-up before a dangerous action from several live tabs at once. Each tab is a circuit: one scope, one context and
/// one copy of the user for its whole life. A code proves once, and guesses stay within one lockout's allowance.
/// </summary>
public sealed class StepUpRaceTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();
    private readonly List<AsyncServiceScope> _scopes = [];
    private EnrolledUser _admin = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        _admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        // The enrolment used this step's code; the tabs prove with the next one.
        _portal.Time.Advance(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
        await _portal.DisposeAsync();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    public async Task One_code_typed_in_several_tabs_at_once_proves_in_at_most_one_of_them(int tabCount)
    {
        var tabs = await OpenTabsAsync(tabCount);
        var code = _portal.CurrentCode(_admin.Seed);

        var results = await Race.AllAtOnceAsync(tabs, tab => tab.ProveAsync(code));

        // Within the allowance the code proves in exactly one tab. Beyond it, the checks still pending spend the allowance,
        // which locks the account as at the token prompt, and the right code may be refused too: never more than one.
        Assert.InRange(results.Count(r => r == CurrentFactorCheck.Accepted), tabCount <= await AllowanceAsync() ? 1 : 0, 1);
        // A reused code counts as a wrong one; a lockout ends every session, so a tab checked after it has no session left.
        Assert.All(results, r => Assert.True(
            r is CurrentFactorCheck.Accepted or CurrentFactorCheck.InvalidCode or CurrentFactorCheck.LockedOut or CurrentFactorCheck.NotEnabled, r.ToString()));
        // No tab may act but the one that proved (and not even that one once a lockout ended its session).
        var mayAct = await Task.WhenAll(tabs.Select(tab => tab.NeedAsync()));
        Assert.All(results.Zip(mayAct).Where(pair => pair.Second == StepUpNeed.None), pair => Assert.Equal(CurrentFactorCheck.Accepted, pair.First));
        if (tabCount <= await AllowanceAsync())
        {
            Assert.Equal(1, mayAct.Count(need => need == StepUpNeed.None));
        }
    }

    [Fact]
    public async Task Twenty_tabs_guessing_at_once_check_no_more_guesses_than_one_lockout_allows()
    {
        var tabs = await OpenTabsAsync(20);
        var wrong = _portal.CurrentCode(_admin.Seed) == "000000" ? "111111" : "000000";

        var results = await Race.AllAtOnceAsync(tabs, tab => tab.ProveAsync(wrong));

        // NotEnabled: a tab whose check began after the lockout had ended its session.
        Assert.All(results, r => Assert.True(r is CurrentFactorCheck.InvalidCode or CurrentFactorCheck.LockedOut or CurrentFactorCheck.NotEnabled, r.ToString()));
        Assert.Contains(CurrentFactorCheck.LockedOut, results);
        // Every code that was checked and refused is audited as such; a guess refused for the spent allowance is not.
        Assert.InRange(await CheckedGuessesAsync(), 1, await AllowanceAsync());
        // The lockout ended every tab's session, and the right code proves nothing now.
        Assert.All(await Task.WhenAll(tabs.Select(tab => tab.NeedAsync())), need => Assert.Equal(StepUpNeed.NoSession, need));
        Assert.NotEqual(CurrentFactorCheck.Accepted, await tabs[0].ProveAsync(_portal.CurrentCode(_admin.Seed)));
    }

    [Fact]
    public async Task Twenty_tabs_guessing_the_password_at_once_check_no_more_guesses_than_one_lockout_allows()
    {
        // An account without 2FA steps up with its password.
        var tabs = await OpenTabsAsync(20, PortalFactory.UserEmail);

        var results = await Race.AllAtOnceAsync(tabs, tab => tab.ProvePasswordAsync("not the password"));

        // NotAllowed: a tab whose check began after the lockout had ended its session.
        Assert.All(results, r => Assert.True(r is StepUpPasswordResult.Wrong or StepUpPasswordResult.LockedOut or StepUpPasswordResult.NotAllowed, r.ToString()));
        Assert.Contains(StepUpPasswordResult.LockedOut, results);
        // Every password checked and refused is audited as a failed step-up; a guess refused for the spent allowance is not.
        var checkedGuesses = await WithAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(e => e.Event == AuditEvents.StepUpFailed));
        Assert.InRange(checkedGuesses, 1, await AllowanceAsync());
        Assert.All(await Task.WhenAll(tabs.Select(tab => tab.NeedAsync())), need => Assert.Equal(StepUpNeed.NoSession, need));
        Assert.NotEqual(StepUpPasswordResult.Accepted, await tabs[0].ProvePasswordAsync(PortalFactory.Password));
    }

    private async Task<int> AllowanceAsync() =>
        (await WithAsync(async sp => await sp.GetRequiredService<AdvancedSettingsCache>().GetAsync())).MaxFailedAccessAttempts;

    private Task<int> CheckedGuessesAsync() =>
        WithAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.CountAsync(e => e.Event == AuditEvents.TwoFactorReverificationFailed));

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    private async Task<List<StepUpTab>> OpenTabsAsync(int count, string? email = null)
    {
        var id = email is null ? _admin.Id : (await WithAsync(async sp => await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email)))!.Id;
        var tabs = new List<StepUpTab>();
        for (var i = 0; i < count; i++)
        {
            var scope = _portal.Services.CreateAsyncScope();
            _scopes.Add(scope);
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(id))!;
            var session = (await scope.ServiceProvider.GetRequiredService<UserSessions>().StartAsync(id, "tab " + i, null)).ToString();
            tabs.Add(new StepUpTab(scope.ServiceProvider.GetRequiredService<StepUpVerification>(), user, session));
        }
        return tabs;
    }

    private sealed record StepUpTab(StepUpVerification StepUp, PortalUser User, string SessionId)
    {
        public Task<CurrentFactorCheck> ProveAsync(string code) => StepUp.ProveWithFactorAsync(User, SessionId, code, "save settings", null);

        public Task<StepUpPasswordResult> ProvePasswordAsync(string password) =>
            StepUp.ProveWithPasswordAsync(User, SessionId, password, "save settings", null);

        public Task<StepUpNeed> NeedAsync() => StepUp.NeedAsync(User.Id, SessionId);
    }
}
