using Bunit;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Tests.Settings;

namespace Lucy.Portal.Tests.Components.Settings;

public class SharedEvaluationKeyOfferTests() : SettingsComponentTestBase(sharedEvaluationKey: SettingsTestHost.OtherValidKey)
{
    [Fact]
    public void The_offer_warns_before_the_shared_key_is_used()
    {
        var cut = RenderWithProviders<SharedEvaluationKeyOffer>();

        var button = cut.Find("[data-testid=settings-shared-key-use]");
        Assert.Contains("NOT RECOMMENDED", button.TextContent);
        button.Click();

        cut.WaitForAssertion(() => Assert.Contains("email addresses, phone numbers and login times", cut.Markup));
        Assert.Empty(KeyCheck.CheckedKeys);
    }

    [Fact]
    public async Task Confirming_the_warning_checks_and_stores_the_shared_key()
    {
        var cut = RenderWithProviders<SharedEvaluationKeyOffer>();

        cut.Find("[data-testid=settings-shared-key-use]").Click();
        cut.WaitForAssertion(() => Assert.Contains("email addresses", cut.Markup));
        ClickButtonWithText(cut, "Use shared key anyway");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=settings-key-app-name]")));
        Assert.Equal([SettingsTestHost.OtherValidKey], KeyCheck.CheckedKeys);
        Assert.True((await StoredSettingsAsync()).AuthyKeyIsSharedEvaluationKey);
        Assert.DoesNotContain(SettingsTestHost.OtherValidKey, cut.Markup);
    }
}
