using Bunit;
using Lucy.Portal.Components.Account.TwoFactor;
using Lucy.Portal.Core.SignIn;

namespace Lucy.Portal.Tests.Components.TwoFactor;

/// <summary>The OneTouch panel with a recorded-answer check: every second from the database, Authy only as the fallback.</summary>
public class OneTouchPanelCallbackTests : TwoFactorComponentTestBase
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AuthyPoll = TimeSpan.FromSeconds(3);

    private static readonly OneTouchResult Pending = new(OneTouchStatus.Pending, "Waiting for your approval in the Authy app…");
    private static readonly OneTouchResult Approved = new(OneTouchStatus.Approved, "Approved. Signing you in…") { Grant = "grant-1" };

    private readonly List<OneTouchResult> _finished = [];

    private int AuthyChecks { get; set; }

    private int RecordedChecks { get; set; }

    private OneTouchResult RecordedAnswer { get; set; } = Pending;

    private IRenderedComponent<OneTouchPanel> RenderPanel() =>
        Render<OneTouchPanel>(p => p
            .Add(c => c.PollInterval, AuthyPoll)
            .Add(c => c.RecordedCheckInterval, Second)
            .Add(c => c.OnFinished, result => _finished.Add(result))
            .Add(c => c.Start, () => Task.FromResult(Pending))
            .Add(c => c.Check, () =>
            {
                AuthyChecks++;
                return Task.FromResult(Pending);
            })
            .Add(c => c.CheckRecorded, () =>
            {
                RecordedChecks++;
                return Task.FromResult(RecordedAnswer);
            }));

    [Fact]
    public void The_recorded_answer_is_read_every_second_and_authy_is_asked_only_every_poll_interval()
    {
        var cut = RenderPanel();
        cut.Find("[data-testid=onetouch-send]").Click();

        for (var i = 0; i < 6; i++)
        {
            Clock.Advance(Second);
        }

        cut.WaitForAssertion(() => Assert.Equal(6, RecordedChecks + AuthyChecks));
        Assert.Equal(2, AuthyChecks);
        Assert.Empty(_finished);
    }

    [Fact]
    public void An_answer_recorded_by_the_callback_signs_in_within_a_second_without_asking_authy()
    {
        var cut = RenderPanel();
        cut.Find("[data-testid=onetouch-send]").Click();
        RecordedAnswer = Approved;

        Clock.Advance(Second);

        cut.WaitForAssertion(() => Assert.Equal("grant-1", Assert.Single(_finished).Grant));
        Assert.Equal(0, AuthyChecks);
        Clock.Advance(AuthyPoll * 3);
        Assert.Equal(1, RecordedChecks);
        Assert.Equal(0, AuthyChecks);
    }
}
