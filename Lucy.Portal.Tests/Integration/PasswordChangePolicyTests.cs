using System.Reflection;
using System.Security.Claims;
using Lucy.Portal.Components.Account.Pages;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>What the interactive router asks for each page: the policies its attributes combine to, as AuthorizeRouteView does.</summary>
public sealed class PasswordChangePolicyTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static IEnumerable<Type> ProtectedPages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>().Any())
            .Where(t => !t.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any());

    private static ClaimsPrincipal Administrator(bool mustChangePassword)
    {
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "admin-id"));
        identity.AddClaim(new Claim(ClaimTypes.Name, PortalFactory.AdminEmail));
        identity.AddClaim(new Claim(ClaimTypes.Role, PortalRoles.Administrator));
        if (mustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaimTypes.MustChangePassword, "true"));
        }
        return new ClaimsPrincipal(identity);
    }

    private async Task<IReadOnlyList<string>> PagesAdmittingAsync(ClaimsPrincipal user)
    {
        var policies = _portal.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = _portal.Services.GetRequiredService<IAuthorizationService>();
        var admitted = new List<string>();
        foreach (var page in ProtectedPages())
        {
            var policy = await AuthorizationPolicy.CombineAsync(policies, page.GetCustomAttributes(inherit: true).OfType<IAuthorizeData>());
            Assert.NotNull(policy);
            if ((await authorization.AuthorizeAsync(user, resource: null, policy)).Succeeded)
            {
                admitted.Add(page.Name);
            }
        }
        return admitted;
    }

    [Fact]
    public async Task A_user_who_must_change_the_password_is_admitted_to_the_change_password_page_only()
    {
        var admitted = await PagesAdmittingAsync(Administrator(mustChangePassword: true));

        Assert.Equal([nameof(ChangePassword)], admitted);
    }

    [Fact]
    public async Task Once_the_password_is_changed_an_administrator_is_admitted_everywhere()
    {
        var admitted = await PagesAdmittingAsync(Administrator(mustChangePassword: false));

        Assert.Equal(ProtectedPages().Select(p => p.Name).Order(), admitted.Order());
        Assert.True(admitted.Count >= 7, "Expected the portal's protected pages: " + string.Join(", ", admitted));
    }
}
