using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The check live circuits run every few seconds (Sessions:CircuitRevalidationSeconds).</summary>
public class SessionValidatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Clock = _time;
        return _portal.SeedAccountsAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    /// <summary>The principal a signed-in circuit holds: the user's claims and an open session.</summary>
    private static async Task<(PortalUser User, ClaimsPrincipal Principal, string SessionId)> SignedInAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
        var sessionId = (await services.GetRequiredService<UserSessions>().StartAsync(user.Id, "test", "127.0.0.1")).ToString();
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalClaimTypes.SessionId, sessionId));
        return (user, principal, sessionId);
    }

    [Fact]
    public async Task A_circuit_principal_stops_being_valid_when_the_security_stamp_changes()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        var (user, principal, _) = await SignedInAsync(scope.ServiceProvider);

        Assert.True(await validator.IsCurrentAsync(principal));

        await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().UpdateSecurityStampAsync(user);

        Assert.False(await validator.IsCurrentAsync(principal));
    }

    [Fact]
    public async Task A_circuit_principal_stops_being_valid_when_its_session_is_logged_out()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        var (_, principal, sessionId) = await SignedInAsync(scope.ServiceProvider);

        await scope.ServiceProvider.GetRequiredService<UserSessions>().EndAsync(sessionId, SessionEndReasons.LoggedOut);

        Assert.False(await validator.IsCurrentAsync(principal));
    }

    [Fact]
    public async Task A_principal_without_a_session_is_not_valid()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);

        Assert.False(await scope.ServiceProvider.GetRequiredService<SessionValidator>().IsCurrentAsync(principal));
    }

    [Fact]
    public async Task Another_users_session_does_not_make_a_principal_valid()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var (_, principal, _) = await SignedInAsync(scope.ServiceProvider);
        var admin = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.AdminEmail))!;
        var adminSession = await scope.ServiceProvider.GetRequiredService<UserSessions>().StartAsync(admin.Id, "test", null);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.RemoveClaim(identity.FindFirst(PortalClaimTypes.SessionId));
        identity.AddClaim(new Claim(PortalClaimTypes.SessionId, adminSession.ToString()));

        Assert.False(await scope.ServiceProvider.GetRequiredService<SessionValidator>().IsCurrentAsync(principal));
    }

    [Fact]
    public async Task Activity_on_a_live_page_keeps_its_session_from_idling_out()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        var (_, principal, _) = await SignedInAsync(scope.ServiceProvider);

        _time.Advance(TimeSpan.FromMinutes(20));
        var click = _time.GetUtcNow();
        Assert.True(await validator.IsCurrentAsync(principal, SessionActivity.At(click)));
        _time.Advance(TimeSpan.FromMinutes(20));

        Assert.True(await validator.IsCurrentAsync(principal));
    }

    [Fact]
    public async Task A_live_page_nobody_touches_idles_out()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        var (_, principal, _) = await SignedInAsync(scope.ServiceProvider);

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await validator.IsCurrentAsync(principal));
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await validator.IsCurrentAsync(principal));
    }

    [Fact]
    public async Task A_click_after_the_idle_timeout_does_not_revive_the_session()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        var (_, principal, _) = await SignedInAsync(scope.ServiceProvider);

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.False(await validator.IsCurrentAsync(principal, SessionActivity.At(_time.GetUtcNow())));
    }

    [Fact]
    public async Task A_deleted_user_is_no_longer_valid()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var (user, principal, _) = await SignedInAsync(scope.ServiceProvider);

        await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().DeleteAsync(user);

        Assert.False(await scope.ServiceProvider.GetRequiredService<SessionValidator>().IsCurrentAsync(principal));
    }
}
