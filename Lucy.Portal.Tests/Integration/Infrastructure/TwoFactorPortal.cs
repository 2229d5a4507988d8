using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>A portal whose clock the test moves, with helpers to enroll users in the built-in authenticator.</summary>
public class TwoFactorPortal : PortalFactory
{
    // Start on a step boundary near real time, so cookies and tokens behave as in life.
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 * 30 + 1));

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Time);
    }

    /// <summary>Enrolls the user in the built-in authenticator and returns the seed and recovery codes, as the wizard would.</summary>
    public async Task<EnrolledUser> EnrollAuthenticatorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var enrollment = scope.ServiceProvider.GetRequiredService<AuthenticatorEnrollment>();
        var setup = await enrollment.StartAsync(user);
        var seed = Base32.Decode(setup.ManualEntryKey.Replace(" ", "", StringComparison.Ordinal))!;
        Assert.Equal(AuthenticatorConfirmation.Confirmed, await enrollment.ConfirmAsync(user, CurrentCode(seed)));
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        // The confirmation used this step's code; logins use the next one.
        Time.Advance(TimeSpan.FromSeconds(30));
        return new EnrolledUser(user.Id, email, seed, codes);
    }

    public string CurrentCode(byte[] seed) => TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(Time.GetUtcNow()));
}

public sealed record EnrolledUser(string Id, string Email, byte[] Seed, IReadOnlyList<string> RecoveryCodes);
