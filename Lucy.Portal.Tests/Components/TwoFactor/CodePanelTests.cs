using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Phones;
using Bunit;
using Lucy.Portal.Components.Account.TwoFactor;
using Lucy.Portal.Core.SignIn;

namespace Lucy.Portal.Tests.Components.TwoFactor;

/// <summary>The one code panel of the token prompt, with Authy's offer (code field, SMS and call as the offer allows).</summary>
public class CodePanelTests : TwoFactorComponentTestBase
{
    private const string MaskedPhone = "+41 •••••••67";

    private readonly List<CodeChannel> _sent = [];
    private readonly List<string> _submitted = [];

    private static FactorOffer Offer(bool sms, bool call) =>
        new(EnrollmentMethod.Authy, "Authy", FactorCapabilities.Code | FactorCapabilities.SendsCode)
        {
            Channels = [.. new[] { sms ? CodeChannel.Sms : (CodeChannel?)null, call ? CodeChannel.Call : null }.OfType<CodeChannel>()],
        };

    private IRenderedComponent<CodePanel> RenderPanel(Func<CodeChannel, Task<CodeDeliveryResult>> answer, bool sms = true, bool call = true) =>
        Render<CodePanel>(p => p
            .Add(c => c.Offer, Offer(sms, call))
            .Add(c => c.MaskedPhone, MaskedPhone)
            .Add(c => c.OnSubmit, code => _submitted.Add(code))
            .Add(c => c.Send, channel =>
            {
                _sent.Add(channel);
                return answer(channel);
            }));

    private CodeDeliveryResult Sent(CodeChannel channel) =>
        new(CodeDeliveryStatus.Sent, channel == CodeChannel.Sms ? $"We sent a code by SMS to {MaskedPhone}." : $"We are calling {MaskedPhone}.",
            Clock.GetUtcNow().AddSeconds(30));

    [Fact]
    public void Sms_and_call_buttons_appear_when_the_prompt_allows_both()
    {
        var cut = RenderPanel(c => Task.FromResult(Sent(c)));

        Assert.Contains($"We can send a code to {MaskedPhone}", cut.Markup);
        Assert.Equal("Send SMS", TextOf(cut, "send-sms"));
        Assert.Equal("Call me", TextOf(cut, "call-me"));
    }

    [Fact]
    public void Only_the_sms_button_appears_when_calls_are_not_allowed()
    {
        var cut = RenderPanel(c => Task.FromResult(Sent(c)), sms: true, call: false);

        Assert.Single(cut.FindAll("[data-testid=send-sms]"));
        Assert.Empty(cut.FindAll("[data-testid=call-me]"));
    }

    [Fact]
    public void Only_the_call_button_appears_when_sms_is_not_allowed()
    {
        var cut = RenderPanel(c => Task.FromResult(Sent(c)), sms: false, call: true);

        Assert.Empty(cut.FindAll("[data-testid=send-sms]"));
        Assert.Single(cut.FindAll("[data-testid=call-me]"));
    }

    [Fact]
    public void Without_sms_or_call_only_the_code_field_is_offered()
    {
        var cut = RenderPanel(c => Task.FromResult(Sent(c)), sms: false, call: false);

        Assert.Empty(cut.FindAll("[data-testid=send-sms]"));
        Assert.Empty(cut.FindAll("[data-testid=call-me]"));
        Assert.DoesNotContain("We can send a code", cut.Markup);
        Assert.Single(cut.FindAll("input[data-testid=authy-code]"));
    }

    [Fact]
    public void A_code_typed_in_the_field_is_submitted()
    {
        var cut = RenderPanel(c => Task.FromResult(Sent(c)));

        cut.Find("input[data-testid=authy-code]").Input("1234567");
        cut.Find("[data-testid=authy-code-submit]").Click();

        Assert.Equal(["1234567"], _submitted);
    }

    [Fact]
    public void A_sent_sms_is_confirmed_naming_the_masked_phone_and_both_buttons_cool_down()
    {
        var cut = RenderPanel(c => Task.FromResult(Sent(c)));

        cut.Find("[data-testid=send-sms]").Click();

        Assert.Equal([CodeChannel.Sms], _sent);
        var message = cut.Find("[data-testid=delivery-message]");
        Assert.Contains(MaskedPhone, message.TextContent);
        Assert.Contains("mud-alert-text-success", message.ClassName);
        Assert.Equal("Send SMS (30 s)", TextOf(cut, "send-sms"));
        Assert.Equal("Call me (30 s)", TextOf(cut, "call-me"));
        Assert.True(IsDisabled(cut, "send-sms"));
        Assert.True(IsDisabled(cut, "call-me"));
    }

    [Fact]
    public void Both_buttons_are_usable_again_when_the_cooldown_ends()
    {
        var cut = RenderPanel(c => Task.FromResult(Sent(c)));
        cut.Find("[data-testid=call-me]").Click();

        Clock.Advance(TimeSpan.FromSeconds(30));

        cut.WaitForAssertion(() =>
        {
            Assert.False(IsDisabled(cut, "send-sms"));
            Assert.False(IsDisabled(cut, "call-me"));
        });
        Assert.Equal([CodeChannel.Call], _sent);
    }

    [Theory]
    [InlineData(CodeDeliveryStatus.TooSoon, "Please wait before asking for another code.")]
    [InlineData(CodeDeliveryStatus.Unavailable, "Authy could not send the code right now. Use the app or try again later.")]
    public void A_refused_send_shows_its_message_as_a_warning(CodeDeliveryStatus status, string text)
    {
        var cut = RenderPanel(_ => Task.FromResult(new CodeDeliveryResult(status, text)));

        cut.Find("[data-testid=send-sms]").Click();

        var message = cut.Find("[data-testid=delivery-message]");
        Assert.Equal(text, message.TextContent.Trim());
        Assert.Contains("mud-alert-text-warning", message.ClassName);
    }

    [Fact]
    public void Too_soon_with_a_next_allowed_time_counts_down_on_the_buttons()
    {
        var cut = RenderPanel(_ => Task.FromResult(new CodeDeliveryResult(CodeDeliveryStatus.TooSoon, "Please wait.", Clock.GetUtcNow().AddSeconds(12))));

        cut.Find("[data-testid=send-sms]").Click();

        Assert.Equal("Send SMS (12 s)", TextOf(cut, "send-sms"));
        Assert.Equal("Call me (12 s)", TextOf(cut, "call-me"));
    }

    [Fact]
    public void Sending_shows_a_spinner_on_the_clicked_button_and_disables_both()
    {
        var answer = new TaskCompletionSource<CodeDeliveryResult>();
        var cut = RenderPanel(_ => answer.Task);

        cut.Find("[data-testid=send-sms]").Click();

        Assert.Single(cut.FindAll("[data-testid=send-sms] .mud-progress-circular"));
        Assert.Empty(cut.FindAll("[data-testid=call-me] .mud-progress-circular"));
        Assert.True(IsDisabled(cut, "send-sms"));
        Assert.True(IsDisabled(cut, "call-me"));

        answer.SetResult(Sent(CodeChannel.Sms));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-circular")));
    }

    [Fact]
    public void A_double_click_sends_once_while_the_first_send_is_running()
    {
        var answer = new TaskCompletionSource<CodeDeliveryResult>();
        var cut = RenderPanel(_ => answer.Task);

        cut.Find("[data-testid=send-sms]").Click();
        cut.Find("[data-testid=send-sms]").Click();
        cut.Find("[data-testid=call-me]").Click();
        answer.SetResult(Sent(CodeChannel.Sms));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=delivery-message]")));
        Assert.Equal([CodeChannel.Sms], _sent);
    }
}
