using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Core.TwoFactor;

public class AuthenticatorCodeVerifierTests : TwoFactorDatabaseTests
{
    [Theory]
    [InlineData(-2, AuthenticatorVerification.InvalidCode)]
    [InlineData(-1, AuthenticatorVerification.Accepted)]
    [InlineData(0, AuthenticatorVerification.Accepted)]
    [InlineData(1, AuthenticatorVerification.Accepted)]
    [InlineData(2, AuthenticatorVerification.InvalidCode)]
    public async Task Codes_are_accepted_one_step_either_side_of_the_server_clock_and_no_further(int stepOffset, AuthenticatorVerification expected)
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);

        Assert.Equal(expected, await Host.VerifyAsync(user, Host.CodeAt(seed, stepOffset)));
    }

    [Fact]
    public async Task Code_from_an_already_accepted_step_is_refused()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);
        var code = Host.CodeAt(seed, 0);

        Assert.Equal(AuthenticatorVerification.Accepted, await Host.VerifyAsync(user, code));
        Assert.Equal(AuthenticatorVerification.ReplayedCode, await Host.VerifyAsync(user, code));
    }

    [Fact]
    public async Task Code_from_an_earlier_step_is_refused_after_a_later_one_was_accepted()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);

        Assert.Equal(AuthenticatorVerification.Accepted, await Host.VerifyAsync(user, Host.CodeAt(seed, 1)));
        Assert.Equal(AuthenticatorVerification.ReplayedCode, await Host.VerifyAsync(user, Host.CodeAt(seed, 0)));
        Assert.Equal(AuthenticatorVerification.ReplayedCode, await Host.VerifyAsync(user, Host.CodeAt(seed, -1)));
    }

    [Fact]
    public async Task Code_from_the_next_step_is_accepted_after_the_current_one()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);

        Assert.Equal(AuthenticatorVerification.Accepted, await Host.VerifyAsync(user, Host.CodeAt(seed, 0)));
        Host.Time.Advance(TimeSpan.FromSeconds(TotpAlgorithm.StepSeconds));
        Assert.Equal(AuthenticatorVerification.Accepted, await Host.VerifyAsync(user, Host.CodeAt(seed, 0)));
    }

    [Fact]
    public async Task Concurrent_submissions_of_one_code_succeed_once()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);
        var code = Host.CodeAt(seed, 0);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Host.VerifyAsync(user, code))));

        Assert.Single(outcomes, o => o == AuthenticatorVerification.Accepted);
        Assert.All(outcomes.Where(o => o != AuthenticatorVerification.Accepted), o => Assert.Equal(AuthenticatorVerification.ReplayedCode, o));
    }

    [Fact]
    public async Task Replayed_code_is_audited()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);
        var code = Host.CodeAt(seed, 0);

        await Host.VerifyAsync(user, code);
        await Host.VerifyAsync(user, code);

        Assert.Contains(AuditEvents.AuthenticatorCodeReplayed, await Host.AuditEventNamesAsync());
    }

    [Fact]
    public async Task Wrong_code_is_invalid_and_does_not_block_the_right_one()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);
        var code = Host.CodeAt(seed, 0);
        var wrong = code == "000000" ? "000001" : "000000";

        Assert.Equal(AuthenticatorVerification.InvalidCode, await Host.VerifyAsync(user, wrong));
        Assert.Equal(AuthenticatorVerification.Accepted, await Host.VerifyAsync(user, code));
    }

    [Fact]
    public async Task User_without_a_confirmed_seed_is_not_enrolled_even_with_a_pending_one()
    {
        var user = await Host.CreateUserAsync();
        var pendingSeed = TwoFactorTestHost.SeedOf(await Host.StartEnrollmentAsync(user));

        Assert.Equal(AuthenticatorVerification.NotEnrolled, await Host.VerifyAsync(user, Host.CodeAt(pendingSeed, 0)));
        await using var scope = Host.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>().IsEnrolledAsync(user));
    }
}
