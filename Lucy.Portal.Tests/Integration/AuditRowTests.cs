using System.Net;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>Every audit row names its actor by email and carries the client's address, whoever wrote it.</summary>
public class AuditRowTests : IAsyncLifetime
{
    private const string ClientAddress = "192.0.2.10";
    private const string CircuitAddress = "198.51.100.7";
    private readonly FromOneAddress _portal = new();
    private EnrolledUser _user = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<AuditEvent> LastAsync(string auditEvent)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.AuditEvents.AsNoTracking().Where(e => e.Event == auditEvent).OrderByDescending(e => e.Id).FirstOrDefaultAsync();
        Assert.True(row is not null, $"No {auditEvent} row.");
        return row;
    }

    private async Task<string> AdminIdAsync()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail))!.Id;
    }

    [Fact]
    public async Task A_logout_row_names_the_user_by_email_with_the_requests_address()
    {
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password)).Dispose();

        using var loggedOut = await session.LogoutAsync();

        ResponseAssert.RedirectsTo(loggedOut, "/Account/Login");
        var row = await LastAsync(AuditEvents.Logout);
        Assert.Equal(PortalFactory.AdminEmail, row.ActorEmail);
        Assert.Equal(ClientAddress, row.IpAddress);
        Assert.Equal(ClientAddress, (await LastAsync(AuditEvents.LoginPassword)).IpAddress);
    }

    // What an administrator's click in a circuit does: the circuit handler sets the address around the activity.
    [Fact]
    public async Task A_user_created_row_names_the_administrator_by_email_with_the_clients_address()
    {
        var adminId = await AdminIdAsync();
        await using var scope = _portal.Services.CreateAsyncScope();
        using (AuditClient.Use(CircuitAddress))
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserDirectory>()
                .CreateAsync(new NewUser("operator@lucy.test", PortalRoles.User, PortalFactory.Password), adminId);
            Assert.True(created.Succeeded);
        }

        var row = await LastAsync(AuditEvents.UserCreated);
        Assert.Equal(PortalFactory.AdminEmail, row.ActorEmail);
        Assert.Equal(CircuitAddress, row.IpAddress);
    }

    [Fact]
    public async Task A_replayed_code_row_has_the_users_email_and_the_clients_address()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(_user.Id))!;
        var verifier = scope.ServiceProvider.GetRequiredService<AuthenticatorCodeVerifier>();
        var code = _portal.CurrentCode(_user.Seed);
        using (AuditClient.Use(CircuitAddress))
        {
            Assert.Equal(AuthenticatorVerification.Accepted, await verifier.VerifyAsync(user, code));
            Assert.NotEqual(AuthenticatorVerification.Accepted, await verifier.VerifyAsync(user, code));
        }

        var row = await LastAsync(AuditEvents.AuthenticatorCodeReplayed);
        Assert.Equal(PortalFactory.UserEmail, row.ActorEmail);
        Assert.Equal(CircuitAddress, row.IpAddress);
    }

    [Fact]
    public async Task A_recovery_codes_generated_row_has_the_users_email_and_the_clients_address()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(_user.Id))!;
        using (AuditClient.Use(CircuitAddress))
        {
            Assert.NotNull(await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10));
        }

        var row = await LastAsync(AuditEvents.RecoveryCodesGenerated);
        Assert.Equal(PortalFactory.UserEmail, row.ActorEmail);
        Assert.Equal(CircuitAddress, row.IpAddress);
    }

    [Fact]
    public async Task A_settings_row_has_the_administrators_email_and_the_clients_address()
    {
        var adminId = await AdminIdAsync();
        await using var scope = _portal.Services.CreateAsyncScope();
        using (AuditClient.Use(CircuitAddress))
        {
            // As the settings page builds its actor from the circuit's principal: an id, maybe an email, no address.
            var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
                .SaveAsync(new PasswordSection(14, 0), new SettingsActor(adminId, null));
            Assert.True(saved.Succeeded);
        }

        var row = await LastAsync(AuditEvents.SettingsChanged);
        Assert.Equal(PortalFactory.AdminEmail, row.ActorEmail);
        Assert.Equal(CircuitAddress, row.IpAddress);
    }

    [Fact]
    public async Task An_address_passed_by_the_writer_wins_over_the_ambient_one()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        using (AuditClient.Use(CircuitAddress))
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .WriteAsync(new AuditEntry(AuditEvents.Logout, AuditOutcome.Success) { ActorId = _user.Id, IpAddress = "203.0.113.5" });
        }

        var row = await LastAsync(AuditEvents.Logout);
        Assert.Equal("203.0.113.5", row.IpAddress);
        Assert.Equal(PortalFactory.UserEmail, row.ActorEmail);
    }

    /// <summary>The test server leaves the client address empty; this portal's requests all come from one address.</summary>
    private sealed class FromOneAddress : TwoFactorPortal
    {
        protected override void ConfigureTestServices(IServiceCollection services)
        {
            base.ConfigureTestServices(services);
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
        }

        private sealed class ClientAddressFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, following) =>
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(ClientAddress);
                    return following(context);
                });
                next(app);
            };
        }
    }
}
