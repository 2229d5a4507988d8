using Bunit;
using Lucy.Portal.Components.Layout;
using MudBlazor.Services;
using Lucy.Portal.Tests.Localization;

namespace Lucy.Portal.Tests.Components;

public class UserBadgeTests : BunitContext
{
    public UserBadgeTests()
    {
        Services.AddMudServices();
        Services.AddStrictLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Signed_in_user_is_named_in_the_app_bar_with_a_logout_form()
    {
        AddAuthorization().SetAuthorized("user@lucy.test").SetPolicies(Lucy.Portal.Authorization.PortalPolicies.TwoFactorEnrolment);

        var badge = Render<UserBadge>();

        Assert.Equal("user@lucy.test", badge.Find("[data-testid=signed-in-user]").TextContent);
        var form = badge.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("Account/Logout", form.GetAttribute("action"));
    }

    [Fact]
    public void Anonymous_visitor_gets_no_badge()
    {
        AddAuthorization();

        var badge = Render<UserBadge>();

        Assert.Empty(badge.FindAll("[data-testid=signed-in-user]"));
    }
}
