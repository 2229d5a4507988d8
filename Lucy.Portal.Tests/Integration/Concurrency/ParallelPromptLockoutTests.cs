using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lucy.Portal.Tests.Integration.Concurrency;

/// <summary>
/// Issue 10, finding 1: several token-prompt tabs of one user guess at once. Whatever the number of tabs, the
/// guesses actually checked (verify requests that reach the fake Authy) stay within one lockout's allowance.
/// </summary>
public class ParallelPromptLockoutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 20;
    private const string WrongCode = "1111111";
    private AuthyPortal _portal = default!;
    private string _userId = default!;
    private string _authyId = default!;

    public async Task InitializeAsync()
    {
        _portal = await AuthyPortal.StartAsync();
        (_authyId, _) = await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        await using var scope = _portal.Services.CreateAsyncScope();
        _userId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private int GuessesChecked => _portal.Authy.RequestsTo(FakeAuthyEndpoint.Verify).Count;

    /// <summary>Every tab submits a wrong code at the same moment, again and again, until each one is told it is locked.</summary>
    private static async Task GuessUntilLockedAsync(IReadOnlyList<PromptTab> tabs)
    {
        var guessing = tabs.ToList();
        for (var step = 0; step < 60 && guessing.Count > 0; step++)
        {
            var statuses = await Race.AllAtOnceAsync(guessing, async tab =>
            {
                try
                {
                    return (await tab.Login.VerifyCodeAsync(tab.Challenge, EnrollmentMethod.Authy, WrongCode, false, null)).Status;
                }
                catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
                {
                    // A tab whose context broke keeps guessing, as a reloaded page would.
                    return TwoFactorLoginStatus.WrongCode;
                }
            });
            guessing = guessing.Where((_, i) => statuses[i] != TwoFactorLoginStatus.LockedOut).ToList();
        }
        Assert.Empty(guessing);
    }

    private async Task UnlockAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserDirectory>().UnlockAsync(_userId, "admin")).Succeeded);
    }

    private async Task<PortalUser> FreshUserAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_userId))!;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public async Task Parallel_tabs_check_no_more_guesses_than_one_lockout_allows(int tabCount)
    {
        var tabs = await PromptTab.OpenAsync(_portal, _userId, tabCount);
        var perRound = new List<int>();
        for (var round = 0; round < Rounds; round++)
        {
            var before = GuessesChecked;
            await GuessUntilLockedAsync(tabs);
            perRound.Add(GuessesChecked - before);
            await UnlockAsync();
        }
        foreach (var tab in tabs)
        {
            await tab.DisposeAsync();
        }

        output.WriteLine($"{tabCount} tabs: guesses checked before lockout per round: {string.Join(", ", perRound)} (max {perRound.Max()})");
        Assert.All(perRound, checkedGuesses => Assert.InRange(checkedGuesses, 1, SettingsAllowance));
    }

    private const int SettingsAllowance = Lucy.Portal.Core.Settings.SettingsDefaults.MaxFailedAccessAttempts;

    [Fact]
    public async Task Every_failure_of_every_tab_counts_toward_the_hundred_cap()
    {
        var tabs = await PromptTab.OpenAsync(_portal, _userId, 20);
        await GuessUntilLockedAsync(tabs);

        Assert.Equal(GuessesChecked, (await FreshUserAsync()).ConsecutiveFailures);

        // A patient attacker waits out every lockout, with twenty tabs each time.
        for (var lockout = 0; lockout < 30 && GuessesChecked < 2 * PortalUserManager.MaxConsecutiveFailures; lockout++)
        {
            _portal.Time.Advance(TimeSpan.FromMinutes(6));
            foreach (var tab in tabs)
            {
                await tab.ReloadChallengeAsync();
            }
            var before = GuessesChecked;
            await GuessUntilLockedAsync(tabs);
            if (GuessesChecked == before)
            {
                break;
            }
        }
        foreach (var tab in tabs)
        {
            await tab.DisposeAsync();
        }

        output.WriteLine($"20 tabs: {GuessesChecked} guesses checked before the permanent lock");
        Assert.InRange(GuessesChecked, 1, PortalUserManager.MaxConsecutiveFailures);
        // Locked "for ever" (stored with millisecond precision): until an administrator unlocks.
        Assert.True((await FreshUserAsync()).LockoutEnd > _portal.Time.GetUtcNow().AddYears(1000));
    }

    [Fact]
    public async Task A_grant_issued_before_a_lockout_cannot_be_redeemed_after_it()
    {
        using var session = _portal.CreateSession();
        string browserKey;
        using (var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password))
        {
            ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
            browserKey = PortalSession.BrowserKeyFrom(login);
        }
        var tabs = await PromptTab.OpenAsync(_portal, _userId, 2, browserKey);
        var granted = await tabs[0].Login.VerifyCodeAsync(tabs[0].Challenge, EnrollmentMethod.Authy,
            _portal.Authy.CurrentTokenFor(_authyId), false, null);
        Assert.Equal(TwoFactorLoginStatus.Verified, granted.Status);

        // Meanwhile another tab runs the account into lockout.
        await GuessUntilLockedAsync([tabs[1]]);
        using var complete = await session.CompleteSignInAsync(granted.Grant!);

        ResponseAssert.RedirectsTo(complete, "/Account/Lockout");
        foreach (var tab in tabs)
        {
            await tab.DisposeAsync();
        }
    }
}
