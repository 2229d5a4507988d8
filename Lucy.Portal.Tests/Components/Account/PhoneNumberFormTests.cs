using Bunit;
using Lucy.Portal.Components.Account.Manage;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Components.Account;

public class PhoneNumberFormTests : AccountComponentTestBase
{
    [Fact]
    public async Task A_landline_gets_a_message_under_the_number_and_nothing_is_saved()
    {
        var cut = RenderWithProviders<PhoneNumberForm>(("Region", "CH"));

        ChangeInput(cut, "phone-number", "044 668 18 00");
        cut.Find("[data-testid=phone-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("This is a landline number.", cut.Markup));
        Assert.Null((await StoredUserAsync()).PhoneNumber);
    }

    [Fact]
    public void Without_a_country_the_country_field_asks_for_one()
    {
        var cut = RenderWithProviders<PhoneNumberForm>();

        ChangeInput(cut, "phone-number", "079 123 45 67");
        cut.Find("[data-testid=phone-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Choose your country.", cut.Markup));
    }

    [Fact]
    public async Task A_valid_mobile_is_saved_in_E164_and_every_session_is_signed_out()
    {
        var cut = RenderWithProviders<PhoneNumberForm>(("Region", "CH"));

        Assert.Equal("Switzerland (+41)", cut.Find("[data-testid=phone-country] input, input[data-testid=phone-country]").GetAttribute("value"));
        ChangeInput(cut, "phone-number", "079 123 45 67");
        cut.Find("[data-testid=phone-save]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Contains("/Account/RenewSession?token=", navigation.Uri, StringComparison.Ordinal));
        Assert.Contains("Every other session was signed out.", cut.Markup);
        Assert.Equal("+41791234567", (await StoredUserAsync()).PhoneNumber);
    }

    [Fact]
    public void After_the_session_was_renewed_the_form_says_that_other_sessions_were_signed_out()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/account?phone=changed");

        var cut = RenderWithProviders<PhoneNumberForm>(("Region", "CH"));

        Assert.Contains("Every other session was signed out", cut.Find("[data-testid=phone-changed-notice]").TextContent);
    }

    [Fact]
    public async Task With_2FA_on_the_form_asks_for_a_current_code_to_change_the_number()
    {
        await WithUserAsync<Microsoft.AspNetCore.Identity.UserManager<Lucy.Portal.Core.Accounts.PortalUser>, Microsoft.AspNetCore.Identity.IdentityResult>(
            (users, user) => users.SetTwoFactorEnabledAsync(user, true));
        var cut = RenderWithProviders<PhoneNumberForm>(("Region", "CH"), ("TwoFactorEnabled", true));

        ChangeInput(cut, "phone-number", "079 123 45 67");
        cut.Find("[data-testid=phone-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("enter a code from your authenticator app", cut.Markup));
        Assert.Null((await StoredUserAsync()).PhoneNumber);
    }
}
