using Bunit;
using Lucy.Portal.Components.Account.TwoFactor;
using Lucy.Portal.Core.SignIn;

namespace Lucy.Portal.Tests.Components.TwoFactor;

public class OneTouchPanelTests : TwoFactorComponentTestBase
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    private static readonly OneTouchResult Pending = new(OneTouchStatus.Pending, "We sent a login request to your phone. Approve it in the Authy app.");
    private static readonly OneTouchResult Approved = new(OneTouchStatus.Approved, "Approved. Signing you in…") { Grant = "grant-1" };
    private static readonly OneTouchResult Denied = new(OneTouchStatus.Denied, "The login request was denied on your phone.");
    private static readonly OneTouchResult Expired = new(OneTouchStatus.Expired, "The login request expired. Send a new one.");

    private readonly List<OneTouchResult> _finished = [];
    private readonly Queue<Func<Task<OneTouchResult>>> _starts = new();
    private readonly Queue<Func<Task<OneTouchResult>>> _checks = new();

    private int Starts { get; set; }

    private int Checks { get; set; }

    private IRenderedComponent<OneTouchPanel> RenderPanel() =>
        Render<OneTouchPanel>(p => p
            .Add(c => c.PollInterval, Poll)
            .Add(c => c.OnFinished, result => _finished.Add(result))
            .Add(c => c.Start, () =>
            {
                Starts++;
                return _starts.Count > 0 ? _starts.Dequeue()() : Task.FromResult(Pending);
            })
            .Add(c => c.Check, () =>
            {
                Checks++;
                return _checks.Count > 0 ? _checks.Dequeue()() : Task.FromResult(Pending);
            }));

    private void StartAnswers(OneTouchResult result) => _starts.Enqueue(() => Task.FromResult(result));

    private void CheckAnswers(OneTouchResult result) => _checks.Enqueue(() => Task.FromResult(result));

    private static void ClickSend(IRenderedComponent<OneTouchPanel> cut) => cut.Find("[data-testid=onetouch-send]").Click();

    [Fact]
    public void Before_starting_the_panel_offers_to_send_a_login_request()
    {
        var cut = RenderPanel();

        Assert.Equal("Send a login request", TextOf(cut, "onetouch-send"));
        Assert.False(IsDisabled(cut, "onetouch-send"));
        Assert.Empty(cut.FindAll("[data-testid=onetouch-pending]"));
        Assert.Empty(cut.FindAll("[data-testid=onetouch-state]"));
    }

    [Fact]
    public void While_the_request_is_being_sent_the_button_spins()
    {
        var answer = new TaskCompletionSource<OneTouchResult>();
        _starts.Enqueue(() => answer.Task);
        var cut = RenderPanel();

        ClickSend(cut);

        Assert.True(IsDisabled(cut, "onetouch-send"));
        Assert.Single(cut.FindAll("[data-testid=onetouch-send] .mud-progress-circular"));
        answer.SetResult(Pending);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=onetouch-pending]")));
    }

    [Fact]
    public void Started_request_shows_the_pending_spinner_and_message()
    {
        var cut = RenderPanel();

        ClickSend(cut);

        var pending = cut.Find("[data-testid=onetouch-pending]");
        Assert.Single(pending.QuerySelectorAll(".mud-progress-circular"));
        Assert.Equal(Pending.Message, pending.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=onetouch-send]"));
        Assert.Equal(1, Starts);
    }

    [Fact]
    public void Nothing_is_checked_before_the_poll_interval_has_passed()
    {
        var cut = RenderPanel();
        ClickSend(cut);

        Clock.Advance(Poll - TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, Checks);
        Assert.Single(cut.FindAll("[data-testid=onetouch-pending]"));
    }

    [Fact]
    public void Approval_found_by_polling_hands_the_grant_to_the_page()
    {
        var cut = RenderPanel();
        ClickSend(cut);
        CheckAnswers(Pending);
        CheckAnswers(Approved);

        Clock.Advance(Poll);
        cut.WaitForAssertion(() => Assert.Equal(1, Checks));
        Assert.Empty(_finished);
        Clock.Advance(Poll);

        cut.WaitForAssertion(() => Assert.Equal("grant-1", Assert.Single(_finished).Grant));
        Assert.Contains("mud-alert-text-success", cut.Find("[data-testid=onetouch-state]").ClassName);
        Assert.Empty(cut.FindAll("[data-testid=onetouch-pending]"));
    }

    [Fact]
    public void Polling_stops_once_the_request_is_answered()
    {
        var cut = RenderPanel();
        ClickSend(cut);
        CheckAnswers(Denied);
        Clock.Advance(Poll);
        cut.WaitForAssertion(() => Assert.Single(_finished));

        Clock.Advance(Poll * 5);

        Assert.Equal(1, Checks);
    }

    [Fact]
    public void Denial_shows_the_denial_message_and_offers_a_new_request()
    {
        var cut = RenderPanel();
        ClickSend(cut);
        CheckAnswers(Denied);

        Clock.Advance(Poll);

        cut.WaitForAssertion(() => Assert.Equal(Denied.Message, TextOf(cut, "onetouch-state")));
        Assert.Contains("mud-alert-text-warning", cut.Find("[data-testid=onetouch-state]").ClassName);
        Assert.Equal(OneTouchStatus.Denied, Assert.Single(_finished).Status);
        Assert.Null(_finished[0].Grant);
        Assert.False(IsDisabled(cut, "onetouch-send"));
    }

    [Fact]
    public void Expiry_shows_the_expiry_message_and_sending_again_starts_a_new_request()
    {
        var cut = RenderPanel();
        ClickSend(cut);
        CheckAnswers(Expired);
        Clock.Advance(Poll);
        cut.WaitForAssertion(() => Assert.Equal(Expired.Message, TextOf(cut, "onetouch-state")));
        Assert.Empty(cut.FindAll("[data-testid=onetouch-pending]"));

        ClickSend(cut);
        Assert.Equal(2, Starts);
        Assert.Single(cut.FindAll("[data-testid=onetouch-pending]"));
        CheckAnswers(Approved);
        Clock.Advance(Poll);

        cut.WaitForAssertion(() => Assert.Equal("grant-1", _finished.Last().Grant));
    }

    [Fact]
    public void Provider_unavailable_on_start_shows_the_message_and_polls_nothing()
    {
        StartAnswers(new OneTouchResult(OneTouchStatus.Unavailable, "Authy is not answering right now. Use a code instead."));
        var cut = RenderPanel();

        ClickSend(cut);
        Clock.Advance(Poll * 3);

        Assert.Equal("Authy is not answering right now. Use a code instead.", TextOf(cut, "onetouch-state"));
        Assert.Contains("mud-alert-text-warning", cut.Find("[data-testid=onetouch-state]").ClassName);
        Assert.Empty(cut.FindAll("[data-testid=onetouch-pending]"));
        Assert.Equal(0, Checks);
        Assert.Empty(_finished);
    }

    [Fact]
    public void Too_soon_on_start_counts_down_on_the_send_button()
    {
        StartAnswers(new OneTouchResult(OneTouchStatus.TooSoon, "Please wait before sending another request.")
        {
            NextAllowedAt = Clock.GetUtcNow().AddSeconds(20),
        });
        var cut = RenderPanel();

        ClickSend(cut);

        Assert.Equal("Send a login request (20 s)", TextOf(cut, "onetouch-send"));
        Assert.True(IsDisabled(cut, "onetouch-send"));
        Assert.Equal("Please wait before sending another request.", TextOf(cut, "onetouch-state"));
    }

    [Fact]
    public void Only_one_check_is_in_flight_while_authy_is_slow_to_answer()
    {
        var slow = new TaskCompletionSource<OneTouchResult>();
        _checks.Enqueue(() => slow.Task);
        CheckAnswers(Approved);
        var cut = RenderPanel();
        ClickSend(cut);

        Clock.Advance(Poll);
        Clock.Advance(Poll);
        Clock.Advance(Poll);
        Assert.Equal(1, Checks);

        slow.SetResult(Pending);
        Clock.Advance(Poll);

        cut.WaitForAssertion(() => Assert.Equal("grant-1", Assert.Single(_finished).Grant));
        Assert.Equal(2, Checks);
    }

    [Fact]
    public async Task Leaving_the_page_stops_polling()
    {
        var cut = RenderPanel();
        ClickSend(cut);

        await DisposeComponentsAsync();
        Clock.Advance(Poll * 3);

        Assert.Equal(0, Checks);
    }
}
