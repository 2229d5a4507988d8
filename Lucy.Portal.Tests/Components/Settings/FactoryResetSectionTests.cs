using Bunit;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Components.Settings;

public class FactoryResetSectionTests : SettingsComponentTestBase
{
    private Task<SettingsResult> ChangeLockoutAsync() =>
        WithServiceAsync<AdvancedSettingsService, SettingsResult>(s => s.SaveAsync(new LockoutSection(9, 60), Admin));

    [Fact]
    public async Task Reset_without_typing_RESET_shows_the_message_and_changes_nothing()
    {
        await ChangeLockoutAsync();
        var cut = RenderSection<FactoryResetSection>(await StoredSettingsAsync());

        ChangeInput(cut, "settings-reset-confirmation", "reset");
        Click(cut, "settings-reset-button");

        cut.WaitForAssertion(() => Assert.Contains("Type RESET to confirm.", cut.Markup));
        Assert.Equal(9, (await StoredSettingsAsync()).MaxFailedAccessAttempts);
    }

    [Fact]
    public async Task Typing_RESET_restores_the_defaults()
    {
        await ChangeLockoutAsync();
        var cut = RenderSection<FactoryResetSection>(await StoredSettingsAsync());

        ChangeInput(cut, "settings-reset-confirmation", "RESET");
        Click(cut, "settings-reset-button");

        await cut.WaitForAssertionAsync(async () => Assert.Equal(5, (await StoredSettingsAsync()).MaxFailedAccessAttempts));
    }
}
