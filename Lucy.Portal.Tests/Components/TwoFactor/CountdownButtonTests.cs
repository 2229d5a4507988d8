using Bunit;
using Lucy.Portal.Components.Shared;

namespace Lucy.Portal.Tests.Components.TwoFactor;

public class CountdownButtonTests : TwoFactorComponentTestBase
{
    private IRenderedComponent<CountdownButton> RenderButton(bool busy = false, DateTimeOffset? availableAt = null, Action? onClick = null) =>
        Render<CountdownButton>(p => p
            .Add(b => b.Text, "Send SMS")
            .Add(b => b.TestId, "send")
            .Add(b => b.Busy, busy)
            .Add(b => b.AvailableAt, availableAt)
            .Add(b => b.OnClick, () => onClick?.Invoke()));

    [Fact]
    public void Idle_button_is_enabled_without_spinner_or_countdown()
    {
        var cut = RenderButton();

        Assert.Equal("Send SMS", TextOf(cut, "send"));
        Assert.False(IsDisabled(cut, "send"));
        Assert.Empty(cut.FindAll(".mud-progress-circular"));
    }

    [Fact]
    public void Busy_button_shows_a_spinner_and_is_disabled()
    {
        var cut = RenderButton(busy: true);

        Assert.Single(cut.FindAll("[data-testid=send] .mud-progress-circular"));
        Assert.True(IsDisabled(cut, "send"));
    }

    [Fact]
    public void Button_is_disabled_with_the_seconds_left_while_available_at_is_in_the_future()
    {
        var cut = RenderButton(availableAt: Clock.GetUtcNow().AddSeconds(30));

        Assert.Equal("Send SMS (30 s)", TextOf(cut, "send"));
        Assert.True(IsDisabled(cut, "send"));
    }

    [Fact]
    public void Countdown_follows_the_clock_and_the_button_enables_again_at_zero()
    {
        var clicks = 0;
        var cut = RenderButton(availableAt: Clock.GetUtcNow().AddSeconds(3), onClick: () => clicks++);

        Clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("Send SMS (2 s)", TextOf(cut, "send")));
        Clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("Send SMS (1 s)", TextOf(cut, "send")));
        Assert.True(IsDisabled(cut, "send"));

        Clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("Send SMS", TextOf(cut, "send")));
        Assert.False(IsDisabled(cut, "send"));
        cut.Find("[data-testid=send]").Click();
        Assert.Equal(1, clicks);
    }

    [Fact]
    public void Available_at_in_the_past_leaves_the_button_enabled()
    {
        var cut = RenderButton(availableAt: Clock.GetUtcNow().AddSeconds(-5));

        Assert.Equal("Send SMS", TextOf(cut, "send"));
        Assert.False(IsDisabled(cut, "send"));
    }

    [Fact]
    public void A_new_later_available_at_restarts_the_countdown()
    {
        var cut = RenderButton(availableAt: Clock.GetUtcNow().AddSeconds(1));
        Clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Equal("Send SMS", TextOf(cut, "send")));

        cut.Render(p => p.Add(b => b.AvailableAt, Clock.GetUtcNow().AddSeconds(5)));
        Assert.Equal("Send SMS (5 s)", TextOf(cut, "send"));
        Clock.Advance(TimeSpan.FromSeconds(2));

        cut.WaitForAssertion(() => Assert.Equal("Send SMS (3 s)", TextOf(cut, "send")));
    }
}
