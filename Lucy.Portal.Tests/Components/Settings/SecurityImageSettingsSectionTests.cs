using Bunit;
using Lucy.Portal.Components.Pages.SystemSettings;

namespace Lucy.Portal.Tests.Components.Settings;

public class SecurityImageSettingsSectionTests : SettingsComponentTestBase
{
    [Fact]
    public async Task Security_image_section_turns_the_image_on_with_its_number_of_failures()
    {
        var cut = RenderSection<SecurityImageSettingsSection>();

        cut.Find("[data-testid=settings-security-image-enabled]").Change(true);
        ChangeInput(cut, "settings-security-image-failures", "4");
        Click(cut, "settings-security-image-save");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=settings-security-image-save-done]")));
        var stored = await StoredSettingsAsync();
        Assert.True(stored.SecurityImageEnabled);
        Assert.Equal(4, stored.SecurityImageAfterFailures);
    }

    [Fact]
    public async Task Security_image_section_refuses_zero_failures_next_to_the_field_and_saves_nothing()
    {
        var cut = RenderSection<SecurityImageSettingsSection>();

        cut.Find("[data-testid=settings-security-image-enabled]").Change(true);
        ChangeInput(cut, "settings-security-image-failures", "0");
        Click(cut, "settings-security-image-save");

        cut.WaitForAssertion(() => Assert.Contains("Enter 1 to 100 failed attempts.", cut.Markup));
        Assert.False((await StoredSettingsAsync()).SecurityImageEnabled);
    }
}
