using Bunit;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Components.Settings;

public class TwoFactorPolicySettingsSectionTests : SettingsComponentTestBase
{
    private async Task AddUsersWithout2faAsync(int count)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.Users.Add(new PortalUser { Id = $"user-{i}", UserName = $"user{i}@lucy.test", Email = $"user{i}@lucy.test" });
        }
        await db.SaveChangesAsync();
    }

    private static void Choose(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, TwoFactorRequiredFor requiredFor)
    {
        var select = cut.FindComponent<MudBlazor.MudSelect<TwoFactorRequiredFor>>();
        cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(requiredFor)).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Before_saving_the_card_says_how_many_users_the_change_affects()
    {
        await AddUsersWithout2faAsync(3);
        var cut = RenderSection<TwoFactorPolicySettingsSection>();

        Choose(cut, TwoFactorRequiredFor.Everyone);
        ChangeInput(cut, "settings-2fa-policy-everyone-days", "0");

        cut.WaitForAssertion(() => Assert.Equal(
            "This change affects 3 users; 3 users must set up 2FA at the next login.",
            cut.Find("[data-testid=settings-2fa-policy-impact]").TextContent.Trim()));
        Assert.Equal(TwoFactorRequiredFor.Off, (await StoredSettingsAsync()).TwoFactorPolicy.RequiredFor);
    }

    [Fact]
    public async Task Saving_stores_the_policy_after_the_step_up()
    {
        var cut = RenderSection<TwoFactorPolicySettingsSection>();

        Choose(cut, TwoFactorRequiredFor.Administrators);
        ChangeInput(cut, "settings-2fa-policy-admin-days", "2");
        ChangeInput(cut, "settings-2fa-policy-step-up", "10");
        Click(cut, "settings-2fa-policy-save");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=settings-2fa-policy-save-done]")));
        Assert.Equal(new TwoFactorPolicy(TwoFactorRequiredFor.Administrators, 2, 7, 10), (await StoredSettingsAsync()).TwoFactorPolicy);
        Assert.Equal(["save settings"], StepUp.Asked);
    }

    [Fact]
    public async Task Without_the_step_up_nothing_is_saved()
    {
        StepUp.Confirms = false;
        var cut = RenderSection<TwoFactorPolicySettingsSection>();

        Choose(cut, TwoFactorRequiredFor.Everyone);
        Click(cut, "settings-2fa-policy-save");

        cut.WaitForAssertion(() => Assert.Single(StepUp.Asked));
        Assert.Empty(cut.FindAll("[data-testid=settings-2fa-policy-save-done]"));
        Assert.Equal(TwoFactorRequiredFor.Off, (await StoredSettingsAsync()).TwoFactorPolicy.RequiredFor);
    }

    [Fact]
    public async Task A_grace_period_out_of_range_is_refused_next_to_the_field()
    {
        var cut = RenderSection<TwoFactorPolicySettingsSection>();

        ChangeInput(cut, "settings-2fa-policy-everyone-days", "91");
        Click(cut, "settings-2fa-policy-save");

        cut.WaitForAssertion(() => Assert.Contains("Enter 0 to 90 days (0 = at the next login).", cut.Markup));
        Assert.Equal(TwoFactorPolicy.Default, (await StoredSettingsAsync()).TwoFactorPolicy);
    }
}
