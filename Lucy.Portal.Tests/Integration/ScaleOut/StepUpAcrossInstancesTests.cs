using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.ScaleOut;

/// <summary>
/// Step-up from live tabs on two instances that share only one SQLite file. The proof lives on the session row, the
/// code's replay step and the failure count in the user's rows: one code proves once for the pair, guesses stay within
/// one lockout's allowance, and a proof made on one instance lets the session act on the other.
/// </summary>
public sealed class StepUpAcrossInstancesTests : IAsyncLifetime
{
    private readonly string _sharedDatabase = TempSqliteFile.NewPath("stepup");
    private readonly List<AsyncServiceScope> _scopes = [];
    private TwoFactorPortal _a = default!;
    private TwoFactorPortal _b = default!;
    private EnrolledUser _admin = default!;

    public async Task InitializeAsync()
    {
        _a = Instance();
        _b = Instance();
        await _a.SeedAccountsAsync();
        _admin = await _a.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        // One wall clock for both instances, as on real hosts.
        _b.Time.SetUtcNow(_a.Time.GetUtcNow());
    }

    private TwoFactorPortal Instance()
    {
        var portal = new TwoFactorPortal();
        portal.Settings["Database:SqlitePath"] = _sharedDatabase;
        return portal;
    }

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        TempSqliteFile.Delete(_sharedDatabase);
    }

    [Fact]
    public async Task One_code_typed_in_tabs_on_both_instances_proves_once_and_the_proof_holds_on_the_other()
    {
        // Two tabs on each instance: within the allowance, so pending checks cannot lock the account (StepUpRaceTests).
        var tabs = await OpenTabsAsync(perInstance: 2);
        var code = _a.CurrentCode(_admin.Seed);

        var results = await Race.AllAtOnceAsync(tabs, tab => tab.ProveAsync(code));

        Assert.Equal(1, results.Count(r => r == CurrentFactorCheck.Accepted));
        var proved = tabs[Array.IndexOf(results, CurrentFactorCheck.Accepted)];
        // The session that proved may act on either instance; no other session may.
        var needs = await Task.WhenAll(tabs.Select(tab => tab.NeedAsync()));
        Assert.Equal(tabs.Length - 1, needs.Count(n => n == StepUpNeed.SecondFactor));
        var other = proved.Instance == _a ? _b : _a;
        Assert.Equal(StepUpNeed.None, await other.WithScopeAsync(sp => sp.GetRequiredService<StepUpVerification>().NeedAsync(_admin.Id, proved.SessionId)));
    }

    [Fact]
    public async Task Tabs_guessing_on_both_instances_at_once_check_no_more_guesses_than_one_lockout_allows()
    {
        var tabs = await OpenTabsAsync(perInstance: 10);
        var wrong = _a.CurrentCode(_admin.Seed) == "000000" ? "111111" : "000000";

        var results = await Race.AllAtOnceAsync(tabs, tab => tab.ProveAsync(wrong));

        Assert.All(results, r => Assert.True(r is CurrentFactorCheck.InvalidCode or CurrentFactorCheck.LockedOut or CurrentFactorCheck.NotEnabled, r.ToString()));
        Assert.Contains(CurrentFactorCheck.LockedOut, results);
        var allowance = (await _b.WithScopeAsync(async sp => await sp.GetRequiredService<AdvancedSettingsCache>().GetAsync())).MaxFailedAccessAttempts;
        var checkedGuesses = await _b.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents
            .CountAsync(e => e.Event == AuditEvents.TwoFactorReverificationFailed));
        Assert.InRange(checkedGuesses, 1, allowance);
        // The lockout ended every session on both instances.
        Assert.All(await Task.WhenAll(tabs.Select(tab => tab.NeedAsync())), need => Assert.Equal(StepUpNeed.NoSession, need));
    }

    private async Task<Tab[]> OpenTabsAsync(int perInstance)
    {
        var tabs = new List<Tab>();
        for (var i = 0; i < perInstance * 2; i++)
        {
            var instance = i % 2 == 0 ? _a : _b;
            var scope = instance.Services.CreateAsyncScope();
            _scopes.Add(scope);
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_admin.Id))!;
            var session = (await scope.ServiceProvider.GetRequiredService<UserSessions>().StartAsync(_admin.Id, "tab " + i, null)).ToString();
            tabs.Add(new Tab(instance, scope.ServiceProvider.GetRequiredService<StepUpVerification>(), user, session));
        }
        return [.. tabs];
    }

    private sealed record Tab(TwoFactorPortal Instance, StepUpVerification StepUp, PortalUser User, string SessionId)
    {
        public Task<CurrentFactorCheck> ProveAsync(string code) => StepUp.ProveWithFactorAsync(User, SessionId, code, "save settings", null);

        public Task<StepUpNeed> NeedAsync() => StepUp.NeedAsync(User.Id, SessionId);
    }
}
