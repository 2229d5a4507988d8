using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration.ScaleOut;

/// <summary>
/// Password guesses spread over two instances count toward one lockout, because the counter is the user's row.
/// Sequential guesses only: the concurrent version belongs with the atomic failure counter (issue 10, finding 1).
/// </summary>
public class LockoutAcrossInstancesTests : IAsyncLifetime
{
    private const string AdminEmail = "ops@lucy.test";

    private PortalInstances _instances = default!;

    public async Task InitializeAsync() => _instances = await PortalInstances.StartAsync(new Dictionary<string, string>
    {
        ["FirstAdministrator__Email"] = AdminEmail,
        ["FirstAdministrator__Password"] = PortalFactory.Password,
    });

    public async Task DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task Wrong_passwords_alternating_between_instances_lock_the_account_at_the_configured_attempts()
    {
        using var onA = _instances.CreateSession(_instances.A);
        using var onB = _instances.CreateSession(_instances.B);

        var guesses = 0;
        var lockedOut = false;
        while (!lockedOut && guesses < 2 * SettingsDefaults.MaxFailedAccessAttempts)
        {
            using var attempt = await (guesses % 2 == 0 ? onA : onB).LoginAsync(AdminEmail, $"wrong guess number {guesses}");
            guesses++;
            lockedOut = attempt.Headers.Location?.OriginalString.Contains("Account/Lockout", StringComparison.Ordinal) == true;
        }

        Assert.True(lockedOut, $"Not locked out after {guesses} wrong passwords on two instances.");
        Assert.Equal(SettingsDefaults.MaxFailedAccessAttempts, guesses);
        // Either instance now refuses even the right password.
        using var right = await onA.LoginAsync(AdminEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(right, "/Account/Lockout");
        using var rightOnB = await onB.LoginAsync(AdminEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(rightOnB, "/Account/Lockout");
    }
}
