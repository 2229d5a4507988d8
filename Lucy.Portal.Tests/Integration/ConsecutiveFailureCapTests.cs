using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>SP 800-63B §3.2.2: at most 100 consecutive failures per account, whatever the lockout periods in between.</summary>
public class ConsecutiveFailureCapTests : IAsyncLifetime
{
    private readonly TwoFactorPortal _portal = new();
    private EnrolledUser _user = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<TwoFactorLoginResult> WrongCodeAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var challenge = await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(_user.Id, SignInChallenges.NewBrowserKey());
        return await scope.ServiceProvider.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, "000000", false, null);
    }

    private async Task<TwoFactorLoginResult> RightCodeAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var challenge = await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(_user.Id, SignInChallenges.NewBrowserKey());
        _portal.Time.Advance(TimeSpan.FromSeconds(30));
        return await scope.ServiceProvider.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed), false, null);
    }

    [Fact]
    public async Task After_one_hundred_failures_in_a_row_the_account_stays_locked_until_an_administrator_unlocks_it()
    {
        // Each lockout period passes, as a patient attacker would wait it out.
        for (var i = 0; i < PortalUserManager.MaxConsecutiveFailures; i++)
        {
            await WrongCodeAsync();
            _portal.Time.Advance(TimeSpan.FromMinutes(6));
        }

        _portal.Time.Advance(TimeSpan.FromDays(365));
        Assert.Equal(TwoFactorLoginStatus.LockedOut, (await RightCodeAsync()).Status);

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var unlocked = await scope.ServiceProvider.GetRequiredService<UserDirectory>().UnlockAsync(_user.Id, "admin");
            Assert.True(unlocked.Succeeded);
        }
        Assert.Equal(TwoFactorLoginStatus.Verified, (await RightCodeAsync()).Status);
    }

    [Fact]
    public async Task A_success_starts_the_count_again()
    {
        for (var i = 0; i < 4; i++)
        {
            await WrongCodeAsync();
        }
        Assert.Equal(TwoFactorLoginStatus.Verified, (await RightCodeAsync()).Status);

        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Equal(0, (await users.FindByIdAsync(_user.Id))!.ConsecutiveFailures);
    }
}
