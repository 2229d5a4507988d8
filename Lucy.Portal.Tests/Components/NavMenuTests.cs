using Bunit;
using Lucy.Portal.Components.Layout;
using Lucy.Portal.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Lucy.Portal.Tests.Localization;

namespace Lucy.Portal.Tests.Components;

public class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        Services.AddMudServices();
        Services.AddStrictLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Administrator_sees_system_settings_users_and_account()
    {
        AddAuthorization().SetAuthorized("admin@lucy.test").SetRoles(PortalRoles.Administrator);

        var menu = Render<NavMenu>();

        Assert.Contains("Advanced Settings", menu.Markup);
        Assert.Contains("Audit Log", menu.Markup);
        Assert.Contains("Users", menu.Markup);
        Assert.Contains("Account", menu.Markup);
        Assert.Contains("Home", menu.Markup);
    }

    [Fact]
    public void User_sees_home_and_account_but_no_admin_entries()
    {
        AddAuthorization().SetAuthorized("user@lucy.test").SetRoles(PortalRoles.User);

        var menu = Render<NavMenu>();

        Assert.Contains("Account", menu.Markup);
        Assert.DoesNotContain("Advanced Settings", menu.Markup);
        Assert.DoesNotContain("Audit Log", menu.Markup);
        Assert.DoesNotContain("Users", menu.Markup);
    }

    [Fact]
    public void Anonymous_visitor_sees_neither_admin_entries_nor_account()
    {
        AddAuthorization();

        var menu = Render<NavMenu>();

        Assert.DoesNotContain("Advanced Settings", menu.Markup);
        Assert.DoesNotContain("Users", menu.Markup);
        Assert.DoesNotContain("Account", menu.Markup);
    }
}
