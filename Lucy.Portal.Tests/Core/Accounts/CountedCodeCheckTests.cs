using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Core.Accounts;

/// <summary>The one rule for codes a signed-in user types: counted before the check, settled after it.</summary>
public sealed class CountedCodeCheckTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();
    private string _id = "";

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        _id = (await _portal.WithScopeAsync(sp => sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail)))!.Id;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task The_attempt_is_counted_while_the_check_runs_and_settled_after_it()
    {
        var during = -1;
        var right = await RunAsync(async () => during = await FailuresAsync(), CodeVerdict.Right);
        Assert.Equal(1, during);
        Assert.Equal((CountedCheckOutcome.Right, true), (right.Outcome, right.Checked));
        Assert.Equal(0, await FailuresAsync());

        var wrong = await RunAsync(() => Task.CompletedTask, CodeVerdict.Wrong);
        Assert.Equal(CountedCheckOutcome.Wrong, wrong.Outcome);
        Assert.Equal(1, await FailuresAsync());

        // Nothing was guessed (the provider was down): the attempt is taken back.
        var down = await RunAsync(() => Task.CompletedTask, CodeVerdict.NotAGuess);
        Assert.Equal(CountedCheckOutcome.NotAGuess, down.Outcome);
        Assert.Equal(1, await FailuresAsync());
    }

    [Fact]
    public async Task A_right_code_is_refused_when_a_parallel_failure_locked_the_account_during_its_check()
    {
        var allowance = (await _portal.WithScopeAsync(async sp => await sp.GetRequiredService<AdvancedSettingsCache>().GetAsync())).MaxFailedAccessAttempts;

        // While this check runs, other tabs fail until the account locks.
        var check = await RunAsync(async () =>
        {
            for (var i = 0; i < allowance; i++)
            {
                await _portal.WithScopeAsync(sp => sp.GetRequiredService<AccountLockout>().CountFailureAsync(_id));
            }
        }, CodeVerdict.Right);

        Assert.Equal((CountedCheckOutcome.LockedOut, true), (check.Outcome, check.Checked));
        // And once locked, the next attempt is not even checked.
        var checkedAgain = false;
        var next = await RunAsync(() => Task.FromResult(checkedAgain = true), CodeVerdict.Right);
        Assert.Equal((CountedCheckOutcome.LockedOut, false), (next.Outcome, next.Checked));
        Assert.False(checkedAgain);
    }

    private Task<CountedCheck<bool>> RunAsync(Func<Task> during, CodeVerdict verdict) =>
        _portal.WithScopeAsync(async sp => await sp.GetRequiredService<CountedCodeCheck>().RunAsync(
            (await sp.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(_id))!, async _ =>
        {
            await during();
            return true;
        }, _ => verdict));

    private Task<int> FailuresAsync() =>
        _portal.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Users.Where(u => u.Id == _id).Select(u => u.AccessFailedCount).SingleAsync());
}
