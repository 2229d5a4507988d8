using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Account;

/// <summary>The real portal: enrollment through the services, then /Account/SignedOut ending only a stale session.</summary>
public class BuiltInEnrollmentIntegrationTests : IAsyncLifetime
{
    private const string SignedOut = "/Account/SignedOut?reason=2fa-configured";
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task A_current_session_is_not_signed_out_by_a_link_to_SignedOut()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        using var response = await session.GetAsync(SignedOut);

        ResponseAssert.RedirectsTo(response, "/");
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("Lucy.Session=;", StringComparison.Ordinal)));
        using var account = await session.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task After_enrollment_the_stale_session_is_signed_out_with_the_message_and_the_next_login_asks_for_a_code()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        await EnrollThroughTheServicesAsync(PortalFactory.UserEmail);
        using var response = await session.GetAsync(SignedOut);

        ResponseAssert.RedirectsTo(response, "/Account/Login");
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("Lucy.StatusMessage=", StringComparison.Ordinal)
            && Uri.UnescapeDataString(c).Contains("2FA is configured. Please log in again.", StringComparison.Ordinal));
        using var account = await session.GetAsync("/account");
        ResponseAssert.RedirectsTo(account, "/Account/Login");

        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
    }

    [Fact]
    public async Task An_unknown_reason_shows_no_message()
    {
        using var session = _portal.CreateSession();

        using var response = await session.GetAsync("/Account/SignedOut?reason=%3Cscript%3Ehello");

        ResponseAssert.RedirectsTo(response, "/Account/Login");
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("Lucy.StatusMessage=", StringComparison.Ordinal)));
    }

    private async Task EnrollThroughTheServicesAsync(string email)
    {
        async Task<T> RunAsync<T>(Func<TwoFactorAccountService, PortalUser, Task<T>> operation)
        {
            await using var scope = _portal.Services.CreateAsyncScope();
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
            return await operation(scope.ServiceProvider.GetRequiredService<TwoFactorAccountService>(), user);
        }

        var setup = await RunAsync((s, u) => s.StartAuthenticatorAsync(u));
        var seed = Base32.Decode(setup.ManualEntryKey)!;
        var code = TotpAlgorithm.Compute(seed, TotpAlgorithm.StepAt(DateTimeOffset.UtcNow));
        Assert.Equal(EnrollmentCodeResult.Confirmed, await RunAsync((s, u) => s.ConfirmAuthenticatorAsync(u, code, "127.0.0.1")));
        Assert.Equal(10, (await RunAsync((s, u) => s.CreateEnrollmentRecoveryCodesAsync(u)))!.Count);
        Assert.True(await RunAsync((s, u) => s.CompleteEnrollmentAsync(u, "127.0.0.1")));
    }
}
