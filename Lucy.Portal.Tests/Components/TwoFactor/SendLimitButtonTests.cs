using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Phones;
using Bunit;
using Lucy.Portal.Components.Account.TwoFactor;
using Lucy.Portal.Components.Shared;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwilioVerify;

namespace Lucy.Portal.Tests.Components.TwoFactor;

/// <summary>Issue 9, "Send limits": every send button of the shared cap shows what the server will enforce.</summary>
public class SendLimitButtonTests : TwoFactorComponentTestBase
{
    // 09:00 UTC is 10:00 in Zurich on 1 March (CET).
    private static readonly DateDisplayFormat Zurich = DateDisplayFormat.For("Europe/Zurich", "yyyy-MM-dd HH:mm");

    private const string MaskedPhone = "+41 •••••••67";

    private static FactorOffer Offer(EnrollmentMethod method) =>
        new(method, method.ToString(), FactorCapabilities.Code | FactorCapabilities.SendsCode) { Channels = [CodeChannel.Sms, CodeChannel.Call] };

    private SendAllowance Cooldown(int seconds) => new(1, Clock.GetUtcNow().AddSeconds(seconds), CapReached: false);

    private SendAllowance CapLiftsIn(TimeSpan wait) => new(OtpDeliveryLimiter.MaxPerWindow, Clock.GetUtcNow() + wait, CapReached: true);

    private IRenderedComponent<CodePanel> RenderAuthy(SendAllowance? sends, Func<CodeChannel, Task<CodeDeliveryResult>>? send = null) =>
        Render<CodePanel>(p => p
            .Add(c => c.Offer, Offer(EnrollmentMethod.Authy))
            .Add(c => c.MaskedPhone, MaskedPhone)
            .Add(c => c.Sends, sends)
            .Add(c => c.DateFormat, Zurich)
            .Add(c => c.Send, send ?? (_ => throw new InvalidOperationException("No send expected."))));

    private IRenderedComponent<OneTouchPanel> RenderOneTouch(SendAllowance? sends) =>
        Render<OneTouchPanel>(p => p
            .Add(c => c.Sends, sends)
            .Add(c => c.DateFormat, Zurich)
            .Add(c => c.Start, () => throw new InvalidOperationException("No push expected."))
            .Add(c => c.Check, () => throw new InvalidOperationException("No check expected.")));

    private IRenderedComponent<CodePanel> RenderVerify(SendAllowance? sends) =>
        Render<CodePanel>(p => p
            .Add(c => c.Offer, Offer(EnrollmentMethod.TwilioVerify))
            .Add(c => c.MaskedPhone, MaskedPhone)
            .Add(c => c.Sends, sends)
            .Add(c => c.DateFormat, Zurich)
            .Add(c => c.Send, (Func<CodeChannel, Task<CodeDeliveryResult>>)(_ => throw new InvalidOperationException("No send expected."))));

    [Fact]
    public void After_an_sms_the_onetouch_button_shows_the_same_cooldown_at_once()
    {
        var sends = Cooldown(27);

        var authy = RenderAuthy(sends);
        var oneTouch = RenderOneTouch(sends);

        Assert.Equal("Send SMS (27 s)", TextOf(authy, "send-sms"));
        Assert.Equal("Call me (27 s)", TextOf(authy, "call-me"));
        Assert.Equal("Send a login request (27 s)", TextOf(oneTouch, "onetouch-send"));
        Assert.True(IsDisabled(oneTouch, "onetouch-send"));
    }

    [Fact]
    public void The_verify_buttons_load_with_the_cooldown_the_server_reported()
    {
        var cut = RenderVerify(Cooldown(12));

        Assert.Equal("Send SMS (12 s)", TextOf(cut, "verify-send-sms"));
        Assert.True(IsDisabled(cut, "verify-call-me"));
    }

    [Fact]
    public void With_no_send_pending_every_button_is_usable_and_nothing_is_said_about_the_cap()
    {
        var authy = RenderAuthy(new SendAllowance(2, null, false));
        var oneTouch = RenderOneTouch(new SendAllowance(2, null, false));

        Assert.False(IsDisabled(authy, "send-sms"));
        Assert.False(IsDisabled(oneTouch, "onetouch-send"));
        Assert.Empty(authy.FindAll("[data-testid=send-limit]"));
    }

    [Fact]
    public void A_reached_cap_names_the_time_it_lifts_in_the_configured_time_zone()
    {
        var sends = CapLiftsIn(TimeSpan.FromSeconds(318));

        var authy = RenderAuthy(sends);
        var oneTouch = RenderOneTouch(sends);
        var verify = RenderVerify(sends);

        const string Expected = "You have asked for 5 codes in 10 minutes. You can ask again at 10:05.";
        Assert.Equal(Expected, TextOf(authy, "send-limit"));
        Assert.Equal(Expected, TextOf(oneTouch, "onetouch-send-limit"));
        Assert.Equal(Expected, TextOf(verify, "verify-send-limit"));
        Assert.Equal("Send SMS (5:18)", TextOf(authy, "send-sms"));
        Assert.Equal("Send a login request (5:18)", TextOf(oneTouch, "onetouch-send"));
    }

    [Fact]
    public void A_send_that_failed_and_was_released_leaves_the_buttons_usable()
    {
        var cut = RenderAuthy(null, _ => Task.FromResult(new CodeDeliveryResult(CodeDeliveryStatus.Unavailable,
            "Authy could not send the code right now.") { Sends = new SendAllowance(0, null, false) }));

        cut.Find("[data-testid=send-sms]").Click();

        Assert.Contains("could not send", TextOf(cut, "delivery-message"), StringComparison.Ordinal);
        Assert.False(IsDisabled(cut, "send-sms"));
        Assert.False(IsDisabled(cut, "call-me"));
    }

    [Fact]
    public void The_fifth_sms_shows_the_cap_under_the_buttons_right_after_it_was_sent()
    {
        var cut = RenderAuthy(null, _ => Task.FromResult(new CodeDeliveryResult(CodeDeliveryStatus.Sent, "We sent a code by SMS.")
        {
            Sends = CapLiftsIn(TimeSpan.FromMinutes(8)),
        }));

        cut.Find("[data-testid=send-sms]").Click();

        Assert.Equal("You have asked for 5 codes in 10 minutes. You can ask again at 10:08.", TextOf(cut, "send-limit"));
        Assert.Equal("Send SMS (8:00)", TextOf(cut, "send-sms"));
    }

    [Fact]
    public void A_countdown_of_several_minutes_is_shown_in_minutes_and_seconds()
    {
        var cut = Render<CountdownButton>(p => p
            .Add(b => b.Text, "Send SMS")
            .Add(b => b.TestId, "send")
            .Add(b => b.AvailableAt, Clock.GetUtcNow().AddSeconds(318)));

        Assert.Equal("Send SMS (5:18)", TextOf(cut, "send"));
        Clock.Advance(TimeSpan.FromSeconds(259));
        cut.WaitForAssertion(() => Assert.Equal("Send SMS (59 s)", TextOf(cut, "send")));
    }
}
