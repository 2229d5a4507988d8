using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SecurityImages;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.Concurrency;

/// <summary>
/// Single-use tokens under a race: twenty requests, each with its own scope and DbContext (as twenty tabs or
/// instances would), present the same sign-in grant or the same security-image answer at once; one wins.
/// </summary>
public class SingleUseRaceTests : IAsyncLifetime
{
    private const int Racers = 20;
    private const int Rounds = 5;
    private readonly PortalFactory _portal = new();
    private string _userId = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        await using var scope = _portal.Services.CreateAsyncScope();
        _userId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task A_grant_presented_by_twenty_requests_at_once_is_redeemed_once()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var browserKey = SignInChallenges.NewBrowserKey();
            var grant = await InScopeAsync(async sp =>
            {
                var challenges = sp.GetRequiredService<SignInChallenges>();
                var challenge = await challenges.OpenAsync(_userId, browserKey);
                return await challenges.IssueGrantAsync(challenge, "Authenticator", rememberDevice: false);
            });
            Assert.NotNull(grant);

            var redemptions = await RaceAsync(sp => sp.GetRequiredService<SignInChallenges>().RedeemGrantAsync(grant, _userId, browserKey));

            Assert.Equal(1, redemptions.Count(r => r.Succeeded));
        }
    }

    [Fact]
    public async Task A_security_image_answered_by_twenty_requests_at_once_is_solved_once()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var binding = $"browser-{round}";
            var id = await InScopeAsync(sp => sp.GetRequiredService<SecurityImageChallenges>().IssueAsync(binding, "192.0.2.1"));
            var answer = _portal.SecurityImageCodes.Last;

            var answers = await RaceAsync(sp => sp.GetRequiredService<SecurityImageChallenges>().AnswerAsync(id, answer, binding));

            Assert.Equal(1, answers.Count(a => a == SecurityImageAnswer.Solved));
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Every racer gets its own long-lived scope first, then all go through one gate together.</summary>
    private async Task<T[]> RaceAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        var scopes = Enumerable.Range(0, Racers).Select(_ => _portal.Services.CreateAsyncScope()).ToList();
        try
        {
            return await Race.AllAtOnceAsync(scopes, scope => action(scope.ServiceProvider));
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }
}
