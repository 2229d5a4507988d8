using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Dashboard;

namespace Lucy.Portal.Tests.Dashboard;

public sealed class OwnSecuritySummaryTests
{
    [Fact]
    public async Task A_user_sees_their_method_codes_last_sign_in_and_last_failure_not_someone_elses()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var ada = await host.AddAuthenticatorUserAsync("ada@example.com", unusedCodes: 7);
        var bob = await host.AddUserAsync("bob@example.com");
        var now = host.Time.GetUtcNow();
        await host.AuditAsync(now.AddDays(-2), AuditEvents.SignInCompleted, actor: ada, ip: "198.51.100.1");
        await host.AuditAsync(now.AddDays(-1), AuditEvents.SignInCompleted, actor: ada, ip: "198.51.100.2");
        await host.AuditAsync(now.AddHours(-5), AuditEvents.LoginSecondFactor, AuditOutcome.Failure, ada, "203.0.113.9");
        await host.AuditAsync(now.AddHours(-1), AuditEvents.LoginPassword, AuditOutcome.Success, ada, "198.51.100.2");
        await host.AuditAsync(now.AddMinutes(-5), AuditEvents.SignInCompleted, actor: bob, ip: "192.0.2.1");
        await host.AuditAsync(now.AddMinutes(-1), AuditEvents.LoginPassword, AuditOutcome.Failure, bob, "192.0.2.66");

        var figures = (await host.WithAsync<OwnSecuritySummary, OwnSecurityFigures?>(s => s.ReadAsync(ada.Id)))!;

        Assert.True(figures.TwoFactorEnabled);
        Assert.Equal("Authenticator app", figures.Method);
        Assert.Equal(7, figures.RecoveryCodesLeft);
        Assert.Equal(new AccountEvent(now.AddDays(-1), "198.51.100.2", AuditEvents.SignInCompleted), figures.LastSignIn);
        Assert.Equal(new AccountEvent(now.AddHours(-5), "203.0.113.9", AuditEvents.LoginSecondFactor), figures.LastFailedAttempt);
    }

    [Fact]
    public async Task A_new_user_without_2fa_has_no_sign_in_and_no_failure()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var user = await host.AddUserAsync("new@example.com");

        var figures = (await host.WithAsync<OwnSecuritySummary, OwnSecurityFigures?>(s => s.ReadAsync(user.Id)))!;

        Assert.Equal(new OwnSecurityFigures(false, null, 0, null, null), figures);
    }
}
