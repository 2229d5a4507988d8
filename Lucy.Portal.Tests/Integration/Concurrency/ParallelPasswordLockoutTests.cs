using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lucy.Portal.Tests.Integration.Concurrency;

/// <summary>
/// The password step shares the prompt's counter and its guarantee: twenty simultaneous password attempts on one
/// account have at most one lockout's allowance of passwords actually checked (hash verifications counted).
/// </summary>
public class ParallelPasswordLockoutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 20;
    private const int Requests = 20;
    private readonly CountingPasswordPortal _portal = new();
    private string _userId = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        await using var scope = _portal.Services.CreateAsyncScope();
        _userId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Simultaneous_wrong_passwords_check_no_more_than_one_lockout_allows()
    {
        var scopes = Enumerable.Range(0, Requests).Select(_ => _portal.Services.CreateAsyncScope()).ToList();
        var perRound = new List<int>();
        for (var round = 0; round < Rounds; round++)
        {
            var before = _portal.PasswordChecks;
            var results = await Race.AllAtOnceAsync(scopes, async scope =>
            {
                var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
                var user = (await signIn.UserManager.FindByIdAsync(_userId))!;
                return await signIn.CheckPasswordSignInAsync(user, "wrong password " + round, lockoutOnFailure: true);
            });
            perRound.Add(_portal.PasswordChecks - before);
            Assert.Contains(results, r => r.IsLockedOut);
            await using var admin = _portal.Services.CreateAsyncScope();
            Assert.True((await admin.ServiceProvider.GetRequiredService<UserDirectory>().UnlockAsync(_userId, "admin")).Succeeded);
        }
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }

        output.WriteLine($"{Requests} simultaneous wrong passwords: passwords checked per round: {string.Join(", ", perRound)}");
        Assert.All(perRound, checks => Assert.InRange(checks, 1, SettingsDefaults.MaxFailedAccessAttempts));
    }

    [Fact]
    public async Task Wrong_passwords_and_wrong_codes_fill_one_counter()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        var lockout = scope.ServiceProvider.GetRequiredService<AccountLockout>();
        var user = (await signIn.UserManager.FindByIdAsync(_userId))!;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SignInResult.Failed, await signIn.CheckPasswordSignInAsync(user, "wrong", lockoutOnFailure: true));
        }

        // Two wrong codes at the prompt, as TwoFactorLogin counts them.
        for (var i = 0; i < 2; i++)
        {
            Assert.False((await lockout.BeginAttemptAsync(_userId)).LockedOut);
            await lockout.FailAttemptAsync(_userId);
        }

        Assert.True((await signIn.CheckPasswordSignInAsync(user, PortalFactory.Password, lockoutOnFailure: true)).IsLockedOut);
    }

    /// <summary>The portal with cheap password hashing and a count of every password actually checked.</summary>
    private sealed class CountingPasswordPortal : PortalFactory
    {
        private int _checks;

        public int PasswordChecks => Volatile.Read(ref _checks);

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
            services.AddScoped<IPasswordHasher<PortalUser>>(sp => new CountingHasher(this, new PasswordHasher<PortalUser>(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>())));
        }

        private sealed class CountingHasher(CountingPasswordPortal portal, IPasswordHasher<PortalUser> inner) : IPasswordHasher<PortalUser>
        {
            public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
            {
                Interlocked.Increment(ref portal._checks);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }
}
