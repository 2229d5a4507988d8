using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Core.SignIn;

public sealed class HousekeepingTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_chore_gets_one_turn_per_interval()
    {
        var time = new FakeTimeProvider(TwoFactorTestHost.DefaultStart);
        var housekeeping = new Housekeeping(time);

        Assert.True(housekeeping.TakeTurn("prune", Minute));
        Assert.False(housekeeping.TakeTurn("prune", Minute));
        Assert.True(housekeeping.TakeTurn("other", Minute));
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(housekeeping.TakeTurn("prune", Minute));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(housekeeping.TakeTurn("prune", Minute));
    }

    [Fact]
    public async Task Of_many_callers_at_once_exactly_one_gets_the_turn()
    {
        var housekeeping = new Housekeeping(new FakeTimeProvider(TwoFactorTestHost.DefaultStart));

        var turns = await Race.AllAtOnceAsync(Enumerable.Range(0, 16), _ => Task.Run(() => housekeeping.TakeTurn("prune", Minute)));

        Assert.Equal(1, turns.Count(t => t));
    }

    [Fact]
    public async Task Expired_challenges_are_deleted_by_the_first_challenge_opened_after_the_prune_interval()
    {
        await using var host = await TwoFactorTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        await OpenAsync(host, user.Id); // the first open takes the turn (nothing to delete yet)
        await AddExpiredAsync(host, user.Id, "expired-1");

        // Within the interval nobody pays for the clean-up; the expired row can do nothing meanwhile.
        host.Time.Advance(TimeSpan.FromSeconds(30));
        await OpenAsync(host, user.Id);
        Assert.Contains("expired-1", await HashesAsync(host));

        host.Time.Advance(TimeSpan.FromSeconds(30));
        await OpenAsync(host, user.Id);
        var left = await HashesAsync(host);
        Assert.DoesNotContain("expired-1", left);
        Assert.Equal(3, left.Count); // the three open ones stay
    }

    [Fact]
    public async Task A_grant_issued_just_before_its_challenge_expired_survives_the_clean_up_and_is_redeemed()
    {
        await using var host = await TwoFactorTestHost.StartAsync();
        var user = await host.CreateUserAsync();
        var browserKey = SignInChallenges.NewBrowserKey();
        string challenge;
        await using (var scope = host.CreateScope())
        {
            challenge = await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(user.Id, browserKey);
        }
        host.Time.Advance(SignInChallenges.ChallengeLifetime - TimeSpan.FromSeconds(1));
        string grant;
        await using (var scope = host.CreateScope())
        {
            grant = (await scope.ServiceProvider.GetRequiredService<SignInChallenges>().IssueGrantAsync(challenge, "test", rememberDevice: false))!;
        }

        // The challenge has expired, its grant has not: another sign-in now takes the clean-up's turn.
        host.Time.Advance(TimeSpan.FromSeconds(2));
        await OpenAsync(host, (await host.CreateUserAsync("other@lucy.test")).Id);

        await using (var scope = host.CreateScope())
        {
            var redemption = await scope.ServiceProvider.GetRequiredService<SignInChallenges>().RedeemGrantAsync(grant, user.Id, browserKey);
            Assert.True(redemption.Succeeded);
        }
    }

    private static async Task OpenAsync(TwoFactorTestHost host, string userId)
    {
        await using var scope = host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(userId, SignInChallenges.NewBrowserKey());
    }

    private static async Task AddExpiredAsync(TwoFactorTestHost host, string userId, string hash)
    {
        await using var scope = host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = host.Time.GetUtcNow();
        db.Add(new SignInChallenge { ChallengeHash = hash, UserId = userId, BrowserKeyHash = "b", CreatedAt = now - TimeSpan.FromMinutes(10), ExpiresAt = now - TimeSpan.FromSeconds(1) });
        await db.SaveChangesAsync();
    }

    private static async Task<List<string>> HashesAsync(TwoFactorTestHost host)
    {
        await using var scope = host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<SignInChallenge>().Select(c => c.ChallengeHash).ToListAsync();
    }
}
