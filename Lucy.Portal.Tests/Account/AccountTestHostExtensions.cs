using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Account;

/// <summary>Runs an account service the way the Account page does: a fresh scope and a freshly read user per operation.</summary>
internal static class AccountTestHostExtensions
{
    public static async Task<T> RunAsync<TService, T>(this TwoFactorTestHost host, PortalUser user, Func<TService, PortalUser, Task<T>> operation)
        where TService : notnull
    {
        await using var scope = host.CreateScope();
        var fresh = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(user.Id))!;
        return await operation(scope.ServiceProvider.GetRequiredService<TService>(), fresh);
    }

    public static Task<PortalUser> ReloadAsync(this TwoFactorTestHost host, PortalUser user) =>
        host.RunAsync<UserManager<PortalUser>, PortalUser>(user, (_, fresh) => Task.FromResult(fresh));

    public static Task<T> TwoFactorAsync<T>(this TwoFactorTestHost host, PortalUser user, Func<TwoFactorAccountService, PortalUser, Task<T>> operation) =>
        host.RunAsync(user, operation);

    /// <summary>The whole wizard through the service: returns the seed and the recovery codes, with the clock moved past the confirming step.</summary>
    public static async Task<(byte[] Seed, IReadOnlyList<string> Codes)> EnableTwoFactorAsync(this TwoFactorTestHost host, PortalUser user)
    {
        var setup = await host.TwoFactorAsync(user, (s, u) => s.StartAuthenticatorAsync(u));
        var seed = TwoFactorTestHost.SeedOf(setup);
        Assert.Equal(EnrollmentCodeResult.Confirmed, await host.TwoFactorAsync(user, (s, u) => s.ConfirmAuthenticatorAsync(u, host.CodeAt(seed, 0), null)));
        var codes = await host.TwoFactorAsync(user, (s, u) => s.CreateEnrollmentRecoveryCodesAsync(u));
        Assert.True(await host.TwoFactorAsync(user, (s, u) => s.CompleteEnrollmentAsync(u, null)));
        host.Time.Advance(TimeSpan.FromMinutes(2));
        return (seed, codes!);
    }
}
