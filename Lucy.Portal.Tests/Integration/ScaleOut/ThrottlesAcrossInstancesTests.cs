using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lucy.Portal.Tests.Integration.ScaleOut;

/// <summary>
/// Issue 10, findings 1 and 2 across instances: prompt tabs of one account open on two portal instances that share
/// only one SQLite file (each with its own service provider, caches and contexts) guess codes and ask for SMS at once.
/// The lockout and the send cap hold for the pair as they do for one instance, because both live in the database.
/// The token prompt runs on a Blazor circuit, so the two instances are hosted in this process rather than as the
/// separate processes of <see cref="PortalInstances"/>.
/// </summary>
public sealed class ThrottlesAcrossInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int TabsPerInstance = 10;
    private const int Rounds = 8;
    private const int Bursts = 10;
    private const string WrongCode = "1111111";
    private const int AttemptsPerLockout = 20;

    private readonly string _sharedDatabase = TempSqliteFile.NewPath("throttles");
    private FakeAuthyServer _authy = default!;
    private AuthyPortal _a = default!;
    private AuthyPortal _b = default!;
    private string _userId = default!;
    private string _authyId = default!;

    public async Task InitializeAsync()
    {
        _authy = await FakeAuthyServer.StartAsync();
        _a = Instance();
        _b = Instance();
        // One wall clock for both instances, as on real hosts: lockout ends and send windows written by one are read by the other.
        var now = new[] { _a.Time.GetUtcNow(), _b.Time.GetUtcNow() }.Max();
        _a.Time.SetUtcNow(now);
        _b.Time.SetUtcNow(now);

        await _a.SeedAccountsAsync();
        await using (var scope = _a.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<AuthyKeySettings>()
                .SetKeyAsync(FakeAuthyServer.DefaultApiKey, new SettingsActor("test", PortalFactory.AdminEmail));
            Assert.True(saved.Succeeded, saved.Message);
        }
        (_authyId, _) = await _a.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        await using (var scope = _b.Services.CreateAsyncScope())
        {
            // Instance B starts on the database A prepared: it sees the user and the Authy key.
            _userId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id;
            Assert.True((await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>().GetAsync()).HasAuthyApiKey);
        }
    }

    private AuthyPortal Instance()
    {
        var portal = new AuthyPortal(_authy);
        portal.Settings["Authy:BaseUrl"] = _authy.BaseAddress.ToString();
        portal.Settings["Database:SqlitePath"] = _sharedDatabase;
        return portal;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _authy.DisposeAsync();
        TempSqliteFile.Delete(_sharedDatabase);
    }

    private void Advance(TimeSpan by)
    {
        _a.Time.Advance(by);
        _b.Time.Advance(by);
    }

    /// <summary>
    /// Attempts GuessUntilLockedAsync saw end without a verdict on the code: thrown in their tab (a broken long-lived
    /// context) or answered "not checked" (the provider call cut off under load). Counted before the check, such an
    /// attempt is refunded when it can be; when the refund itself fails it stays counted (fail closed).
    /// </summary>
    private int _unanswered;

    private int GuessesChecked => _authy.RequestsTo(FakeAuthyEndpoint.Verify).Count;

    /// <summary>Ten tabs on each instance, A's and B's interleaved so every race mixes the two.</summary>
    private async Task<IReadOnlyList<(PromptTab Tab, char Instance)>> OpenTabsOnBothAsync()
    {
        var onA = await PromptTab.OpenAsync(_a, _userId, TabsPerInstance);
        var onB = await PromptTab.OpenAsync(_b, _userId, TabsPerInstance);
        return onA.Zip(onB).SelectMany(pair => new[] { (pair.First, 'A'), (pair.Second, 'B') }).ToList();
    }

    private static async Task CloseAsync(IEnumerable<(PromptTab Tab, char Instance)> tabs)
    {
        foreach (var (tab, _) in tabs)
        {
            await tab.DisposeAsync();
        }
    }

    /// <summary>Every tab submits a wrong code at the same moment until each is told it is locked; returns the wrong codes each instance was told about.</summary>
    private async Task<Dictionary<char, int>> GuessUntilLockedAsync(IReadOnlyList<(PromptTab Tab, char Instance)> tabs)
    {
        var told = new Dictionary<char, int> { ['A'] = 0, ['B'] = 0 };
        var guessing = tabs.ToList();
        for (var step = 0; step < 60 && guessing.Count > 0; step++)
        {
            var statuses = await Race.AllAtOnceAsync(guessing, async tab =>
            {
                try
                {
                    return (await tab.Tab.Login.VerifyCodeAsync(tab.Tab.Challenge, EnrollmentMethod.Authy, WrongCode, false, null)).Status;
                }
                catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
                {
                    // A tab whose context broke keeps guessing, as a reloaded page would. Its attempt may have been
                    // counted before it broke without its code reaching the provider (fail closed).
                    Interlocked.Increment(ref _unanswered);
                    return TwoFactorLoginStatus.WrongCode;
                }
            });
            for (var i = 0; i < statuses.Length; i++)
            {
                if (statuses[i] == TwoFactorLoginStatus.WrongCode)
                {
                    told[guessing[i].Instance]++;
                }
                else if (statuses[i] == TwoFactorLoginStatus.ProviderUnavailable)
                {
                    Interlocked.Increment(ref _unanswered);
                }
            }
            guessing = guessing.Where((_, i) => statuses[i] != TwoFactorLoginStatus.LockedOut).ToList();
        }
        Assert.Empty(guessing);
        return told;
    }

    private async Task<PortalUser> FreshUserAsync(AuthyPortal instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_userId))!;
    }

    [Fact]
    public async Task Tabs_on_two_instances_check_no_more_guesses_than_one_lockout_allows()
    {
        var tabs = await OpenTabsOnBothAsync();
        var perRound = new List<int>();
        for (var round = 0; round < Rounds; round++)
        {
            var before = GuessesChecked;
            await GuessUntilLockedAsync(tabs);
            perRound.Add(GuessesChecked - before);
            // The administrator unlocks on one instance or the other; the tabs on both keep their contexts.
            await using var scope = (round % 2 == 0 ? _a : _b).Services.CreateAsyncScope();
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserDirectory>().UnlockAsync(_userId, "admin")).Succeeded);
        }
        await CloseAsync(tabs);

        output.WriteLine($"20 tabs on two instances: guesses checked before lockout per round: {string.Join(", ", perRound)} (max {perRound.Max()})");
        Assert.All(perRound, checkedGuesses => Assert.InRange(checkedGuesses, 1, SettingsDefaults.MaxFailedAccessAttempts));
    }

    [Fact]
    public async Task Failures_on_both_instances_count_toward_one_hundred_failure_cap()
    {
        // Twenty attempts per lockout reach the cap in five lockouts instead of twenty, which keeps the test short.
        await using (var scope = _a.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
                .SaveAsync(new LockoutSection(AttemptsPerLockout, 5), new SettingsActor("test", PortalFactory.AdminEmail));
            Assert.True(saved.Succeeded);
        }
        // What B's settings cache does by itself within AdvancedSettingsCache.RefreshInterval (SettingsAcrossInstancesTests).
        _b.Services.GetRequiredService<AdvancedSettingsCache>().Invalidate();
        var tabs = await OpenTabsOnBothAsync();
        var told = await GuessUntilLockedAsync(tabs);
        Assert.InRange(GuessesChecked, 1, AttemptsPerLockout);
        // Every guess checked is counted; a count beyond them can only be an attempt that ended without a verdict.
        output.WriteLine($"first lockout: {GuessesChecked} guesses checked, {_unanswered} attempts without a verdict");
        Assert.InRange((await FreshUserAsync(_b)).ConsecutiveFailures, GuessesChecked, GuessesChecked + _unanswered);

        // A patient attacker waits out every lockout, with ten tabs on each instance each time.
        for (var lockout = 0; lockout < 30 && GuessesChecked < 2 * PortalUserManager.MaxConsecutiveFailures; lockout++)
        {
            Advance(TimeSpan.FromMinutes(6));
            foreach (var (tab, _) in tabs)
            {
                await tab.ReloadChallengeAsync();
            }
            var before = GuessesChecked;
            var more = await GuessUntilLockedAsync(tabs);
            told['A'] += more['A'];
            told['B'] += more['B'];
            if (GuessesChecked == before)
            {
                break;
            }
        }
        await CloseAsync(tabs);

        output.WriteLine($"20 tabs on two instances: {GuessesChecked} guesses checked before the permanent lock (wrong codes told on A: {told['A']}, on B: {told['B']})");
        Assert.InRange(GuessesChecked, 1, PortalUserManager.MaxConsecutiveFailures);
        Assert.True(told['A'] > 0 && told['B'] > 0, "Both instances should have checked some of the guesses.");
        foreach (var instance in new[] { _a, _b })
        {
            // Locked "for ever" (stored with millisecond precision) as both instances read it: until an administrator unlocks.
            Assert.True((await FreshUserAsync(instance)).LockoutEnd > instance.Time.GetUtcNow().AddYears(1000));
        }
    }

    [Fact]
    public async Task Simultaneous_sms_from_tabs_on_two_instances_never_exceed_the_cooldown_or_the_cap()
    {
        var tabs = await OpenTabsOnBothAsync();
        int ReachedProvider() => _authy.RequestsTo(FakeAuthyEndpoint.Sms).Count;

        var perBurst = new List<int>();
        for (var window = 0; window < 2; window++)
        {
            foreach (var (tab, _) in tabs)
            {
                await tab.ReloadChallengeAsync();
            }
            for (var burst = 0; burst < Bursts; burst++)
            {
                var before = ReachedProvider();
                await Race.AllAtOnceAsync(tabs, async tab => await tab.Tab.Codes.SendCodeAsync(tab.Tab.Challenge, EnrollmentMethod.Authy, CodeChannel.Sms, null));
                perBurst.Add(ReachedProvider() - before);
                Advance(OtpDeliveryLimiter.Cooldown);
            }
            Advance(OtpDeliveryLimiter.Window);
        }
        await CloseAsync(tabs);

        output.WriteLine($"20 tabs on two instances: concurrent SMS clicks per burst that reached the provider: {string.Join(", ", perBurst)}");
        Assert.All(perBurst, reached => Assert.InRange(reached, 0, 1));
        foreach (var window in perBurst.Chunk(Bursts))
        {
            Assert.Equal(OtpDeliveryLimiter.MaxPerWindow, window.Sum());
        }
    }

    [Fact]
    public async Task A_lockout_reached_on_one_instance_is_refused_at_once_by_a_tab_open_on_the_other()
    {
        // B's tab loaded the prompt before the lockout, so its context tracks the user as it was.
        var onB = (await PromptTab.OpenAsync(_b, _userId, 1))[0];
        var onA = (await PromptTab.OpenAsync(_a, _userId, 1))[0];
        for (var guess = 0; guess < SettingsDefaults.MaxFailedAccessAttempts; guess++)
        {
            await onA.Login.VerifyCodeAsync(onA.Challenge, EnrollmentMethod.Authy, WrongCode, false, null);
        }
        var checkedOnA = GuessesChecked;

        var right = await onB.Login.VerifyCodeAsync(onB.Challenge, EnrollmentMethod.Authy, _authy.CurrentTokenFor(_authyId), false, null);
        await onA.DisposeAsync();
        await onB.DisposeAsync();

        Assert.Equal(SettingsDefaults.MaxFailedAccessAttempts, checkedOnA);
        Assert.Equal(TwoFactorLoginStatus.LockedOut, right.Status);
        Assert.Null(right.Grant);
        // Refused before the code went to Authy.
        Assert.Equal(checkedOnA, GuessesChecked);
    }
}
