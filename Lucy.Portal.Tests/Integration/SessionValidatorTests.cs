using System.Security.Claims;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The check live circuits run every 30 seconds.</summary>
public class SessionValidatorTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => _portal.SeedAccountsAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task A_circuit_principal_stops_being_valid_when_the_security_stamp_changes()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var claimsFactory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>();
        var validator = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        ClaimsPrincipal principal = await claimsFactory.CreateAsync(user);

        Assert.True(await validator.IsCurrentAsync(principal));

        await users.UpdateSecurityStampAsync(user);

        Assert.False(await validator.IsCurrentAsync(principal));
    }

    [Fact]
    public async Task A_deleted_user_is_no_longer_valid()
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var claimsFactory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>();
        var validator = scope.ServiceProvider.GetRequiredService<SessionValidator>();
        var user = (await users.FindByEmailAsync(PortalFactory.UserEmail))!;
        var principal = await claimsFactory.CreateAsync(user);

        await users.DeleteAsync(user);

        Assert.False(await validator.IsCurrentAsync(principal));
    }
}
