using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.LoginBench;

/// <summary>A user enrolled in the built-in authenticator, created the way the portal creates users.</summary>
internal sealed record BenchUser(string Id, string Email, byte[] Seed);

internal static class BenchAccounts
{
    public const string AdminEmail = "admin@lucy.bench";
    public const string UserEmail = "user@lucy.bench";
    public const string Password = "correct horse battery staple";

    /// <summary>Migrates the database, creates the first administrator and a user with the built-in authenticator.</summary>
    public static async Task<BenchUser> SeedAsync(IServiceProvider services, TimeProvider time)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Check(await provider.GetRequiredService<FirstAdministratorSetup>().CreateAsync(AdminEmail, Password, null));
        Check(await provider.GetRequiredService<UserDirectory>().CreateAsync(new NewUser(UserEmail, PortalRoles.User, Password), actorId: "bench"));

        var users = provider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(UserEmail))!;
        user.MustChangePassword = false;
        await users.UpdateAsync(user);

        var enrollment = provider.GetRequiredService<AuthenticatorEnrollment>();
        var setup = await enrollment.StartAsync(user);
        var seed = DecodeKey(setup.ManualEntryKey);
        // Confirm with the previous step's code, so the current one is still unused for the first login.
        var previous = TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(time.GetUtcNow()) - 1);
        if (await enrollment.ConfirmAsync(user, previous) != AuthenticatorConfirmation.Confirmed)
        {
            throw new InvalidOperationException("The authenticator enrollment was not confirmed.");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        return new BenchUser(user.Id, UserEmail, seed);
    }


    private static void Check(AccountResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors));
        }
    }

    private static byte[] DecodeKey(string manualEntryKey) =>
        Base32.Decode(manualEntryKey.Replace(" ", "", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The manual entry key is not Base32.");
}
