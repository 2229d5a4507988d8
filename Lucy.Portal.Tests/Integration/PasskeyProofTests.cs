using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// A passkey as proof before a sensitive change (step-up, disabling 2FA, new recovery codes, removing another factor),
/// under the rules a typed code obeys. A refused assertion is a failed attempt, counted
/// before it is checked; the signed journey (a real authenticator) is in PasskeyJourneyTests.
/// </summary>
public sealed class PasskeyProofTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();
    private readonly List<AsyncServiceScope> _scopes = [];
    private string _adminId = "";
    private byte[] _seed = [];

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        var admin = await _portal.EnrollAuthenticatorAsync(PortalFactory.AdminEmail);
        (_adminId, _seed) = (admin.Id, admin.Seed);
        await _portal.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<PortalUser>>();
            return await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(_adminId))!,
                new UserPasskeyInfo([1, 2, 3, 4], [5, 6, 7, 8], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [9], [10]) { Name = "Laptop" });
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task Options_ask_for_the_users_own_passkeys_and_only_within_a_live_session()
    {
        var tab = await OpenTabAsync();

        var pending = await tab.StepUp.BeginPasskeyAsync(tab.User, tab.SessionId);

        Assert.NotNull(pending);
        Assert.Contains("\"allowCredentials\"", pending.OptionsJson, StringComparison.Ordinal);
        Assert.Contains("\"userVerification\":\"required\"", pending.OptionsJson, StringComparison.Ordinal);
        // The ceremony's state is the server's: it is not in what the browser gets.
        Assert.DoesNotContain(pending.State, pending.OptionsJson, StringComparison.Ordinal);
        Assert.Null(await tab.StepUp.BeginPasskeyAsync(tab.User, Guid.NewGuid().ToString()));
        Assert.Equal(CurrentFactorCheck.NotEnabled, await tab.StepUp.ProveWithPasskeyAsync(tab.User, Guid.NewGuid().ToString(), pending, "{}", "save settings", null));
    }

    [Fact]
    public async Task A_forged_assertion_is_a_counted_failure_and_proves_nothing()
    {
        var tab = await OpenTabAsync();
        var pending = (await tab.StepUp.BeginPasskeyAsync(tab.User, tab.SessionId))!;

        var check = await tab.StepUp.ProveWithPasskeyAsync(tab.User, tab.SessionId, pending, ForgedAssertion, "save settings", "203.0.113.9");

        Assert.Equal(CurrentFactorCheck.InvalidCode, check);
        Assert.Equal(StepUpNeed.SecondFactor, await tab.StepUp.NeedAsync(_adminId, tab.SessionId));
        Assert.Equal(1, await _portal.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == _adminId).Select(u => u.AccessFailedCount).SingleAsync()));
        Assert.Equal(1, await FailedProofsAsync());
        // The audit says why, as the token prompt's does.
        var detail = await _portal.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents
            .Where(e => e.Event == AuditEvents.TwoFactorReverificationFailed).Select(e => e.Detail).SingleAsync());
        Assert.StartsWith("step-up: save settings; ", detail, StringComparison.Ordinal);
        Assert.True(detail!.Length > "step-up: save settings; ".Length);
        // No answer from the browser is not a guess.
        Assert.Equal(CurrentFactorCheck.Malformed, await tab.StepUp.ProveWithPasskeyAsync(tab.User, tab.SessionId, pending, " ", "save settings", null));
        Assert.Equal(1, await FailedProofsAsync());
    }

    [Fact]
    public async Task Twenty_tabs_sending_forged_assertions_at_once_check_no_more_than_one_lockout_allows()
    {
        var tabs = new List<Tab>();
        for (var i = 0; i < 20; i++)
        {
            tabs.Add(await OpenTabAsync());
        }
        var pendings = await Task.WhenAll(tabs.Select(async t => (await t.StepUp.BeginPasskeyAsync(t.User, t.SessionId))!));

        var results = await Race.AllAtOnceAsync(tabs.Zip(pendings), pair =>
            pair.First.StepUp.ProveWithPasskeyAsync(pair.First.User, pair.First.SessionId, pair.Second, ForgedAssertion, "save settings", null));

        // NotEnabled: a tab whose check began after the lockout had ended its session.
        Assert.All(results, r => Assert.True(r is CurrentFactorCheck.InvalidCode or CurrentFactorCheck.LockedOut or CurrentFactorCheck.NotEnabled, r.ToString()));
        Assert.Contains(CurrentFactorCheck.LockedOut, results);
        var allowance = (await _portal.WithScopeAsync(async sp => await sp.GetRequiredService<AdvancedSettingsCache>().GetAsync())).MaxFailedAccessAttempts;
        Assert.InRange(await FailedProofsAsync(), 1, allowance);
    }

    [Fact]
    public async Task On_the_account_page_a_forged_passkey_answer_changes_nothing_and_a_passkey_never_removes_itself()
    {
        var tab = await OpenTabAsync();
        var twoFactor = tab.Services.GetRequiredService<TwoFactorAccountService>();
        var pending = (await twoFactor.BeginCurrentPasskeyAsync(tab.User))!;

        Assert.Equal(CurrentFactorCheck.InvalidCode, await twoFactor.DisableAsync(tab.User, CurrentProof.Passkey(pending, ForgedAssertion), null));
        Assert.Equal(CurrentFactorCheck.InvalidCode, (await twoFactor.RegenerateRecoveryCodesAsync(tab.User, CurrentProof.Passkey(pending, ForgedAssertion), null)).Check);
        Assert.Equal(CurrentFactorCheck.InvalidCode,
            await twoFactor.RemoveFactorAsync(tab.User, EnrollmentMethod.BuiltInAuthenticator, CurrentProof.Passkey(pending, ForgedAssertion), null));
        // Refused before anything is checked or counted: only another factor or a recovery code removes one.
        Assert.Equal(CurrentFactorCheck.SameFactor,
            await twoFactor.RemoveFactorAsync(tab.User, EnrollmentMethod.Passkey, CurrentProof.Passkey(pending, ForgedAssertion), null));

        var stored = await _portal.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_adminId))!);
        Assert.True(stored.TwoFactorEnabled);
        Assert.Equal(3, stored.AccessFailedCount);
        Assert.Equal(10, await _portal.WithScopeAsync(async sp => await sp.GetRequiredService<UserManager<PortalUser>>().CountRecoveryCodesAsync(stored)));
        Assert.True(await _portal.WithScopeAsync(sp => sp.GetRequiredService<AuthenticatorEnrollment>().IsEnrolledAsync(stored)));
    }

    [Fact]
    public async Task A_code_that_does_not_say_which_factor_it_comes_from_removes_nothing_and_is_not_counted()
    {
        var tab = await OpenTabAsync();
        var twoFactor = tab.Services.GetRequiredService<TwoFactorAccountService>();
        var code = _portal.CurrentCode(_seed);

        // Without the factor named, the authenticator's own code could remove the authenticator.
        Assert.Equal(CurrentFactorCheck.Malformed,
            await twoFactor.RemoveFactorAsync(tab.User, EnrollmentMethod.BuiltInAuthenticator, CurrentProof.Code(code), null));
        Assert.Equal(CurrentFactorCheck.SameFactor,
            await twoFactor.RemoveFactorAsync(tab.User, EnrollmentMethod.BuiltInAuthenticator, CurrentProof.Code(code, EnrollmentMethod.BuiltInAuthenticator), null));

        Assert.True(await _portal.WithScopeAsync(async sp => await sp.GetRequiredService<AuthenticatorEnrollment>()
            .IsEnrolledAsync((await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_adminId))!)));
        Assert.Equal(0, await _portal.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == _adminId).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task An_over_long_refusal_is_audited_cut_to_the_column_not_lost()
    {
        await _portal.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<AuditLog>().WriteAsync(new AuditEntry(AuditEvents.TwoFactorReverificationFailed, AuditOutcome.Failure)
            {
                ActorId = _adminId,
                Detail = "step-up: save settings; origin " + new string('x', 5000),
            });
            return true;
        });

        var detail = await _portal.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents
            .Where(e => e.Event == AuditEvents.TwoFactorReverificationFailed).Select(e => e.Detail).SingleAsync());
        Assert.Equal(AuditEvent.MaxDetailLength, detail!.Length);
        Assert.StartsWith("step-up: save settings; origin x", detail, StringComparison.Ordinal);
    }

    /// <summary>Well-formed JSON of an assertion for the stored credential id, signed by nobody.</summary>
    private const string ForgedAssertion = """
        {"id":"AQIDBA","rawId":"AQIDBA","type":"public-key","clientExtensionResults":{},"authenticatorAttachment":"platform",
         "response":{"clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0","authenticatorData":"AAAA","signature":"AAAA","userHandle":null}}
        """;

    private Task<int> FailedProofsAsync() =>
        _portal.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents
            .CountAsync(e => e.Event == AuditEvents.TwoFactorReverificationFailed && e.Detail!.StartsWith("step-up: save settings")));

    private async Task<Tab> OpenTabAsync()
    {
        var scope = _portal.Services.CreateAsyncScope();
        _scopes.Add(scope);
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_adminId))!;
        var session = (await scope.ServiceProvider.GetRequiredService<UserSessions>().StartAsync(_adminId, "tab", null)).ToString();
        return new Tab(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<StepUpVerification>(), user, session);
    }

    private sealed record Tab(IServiceProvider Services, StepUpVerification StepUp, PortalUser User, string SessionId);
}
