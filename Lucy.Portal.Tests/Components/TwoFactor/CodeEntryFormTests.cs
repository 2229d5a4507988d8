using System.Globalization;
using Bunit;
using Lucy.Portal.Components.Account.TwoFactor;
using Microsoft.AspNetCore.Components.Web;

namespace Lucy.Portal.Tests.Components.TwoFactor;

public class CodeEntryFormTests : TwoFactorComponentTestBase
{
    private readonly List<string> _submitted = [];

    private IRenderedComponent<CodeEntryForm> RenderForm(bool busy = false) =>
        Render<CodeEntryForm>(p => p
            .Add(f => f.Label, "6-digit code")
            .Add(f => f.TestId, "code")
            .Add(f => f.Busy, busy)
            .Add(f => f.OnSubmit, code => _submitted.Add(code)));

    private static void Type(IRenderedComponent<CodeEntryForm> cut, string code) => cut.Find("input[data-testid=code]").Input(code);

    [Theory]
    [InlineData("123 456")]
    [InlineData("123-456")]
    [InlineData("ABCDE-FGH23")]
    [InlineData("1234 5678 90")]
    public void A_code_typed_with_spaces_or_dashes_fits_the_field_and_is_submitted_whole(string typed)
    {
        var cut = RenderForm();
        var field = cut.Find("input[data-testid=code]");
        Assert.True(int.Parse(field.GetAttribute("maxlength")!, CultureInfo.InvariantCulture) >= typed.Length);

        Type(cut, typed);
        cut.Find("[data-testid=code-submit]").Click();

        Assert.Equal([typed], _submitted);
    }

    private static string FieldValue(IRenderedComponent<CodeEntryForm> cut) =>
        cut.Find("input[data-testid=code]").GetAttribute("value") ?? "";

    [Fact]
    public void Verify_is_disabled_while_the_field_is_empty()
    {
        var cut = RenderForm();

        Assert.True(IsDisabled(cut, "code-submit"));
    }

    [Fact]
    public void Verify_is_disabled_while_the_field_holds_only_spaces()
    {
        var cut = RenderForm();

        Type(cut, "   ");

        Assert.True(IsDisabled(cut, "code-submit"));
    }

    [Fact]
    public void Typing_a_code_enables_verify()
    {
        var cut = RenderForm();

        Type(cut, "123456");

        Assert.False(IsDisabled(cut, "code-submit"));
    }

    [Fact]
    public void Clicking_verify_submits_the_code_and_clears_the_field()
    {
        var cut = RenderForm();
        Type(cut, "123456");

        cut.Find("[data-testid=code-submit]").Click();

        Assert.Equal(["123456"], _submitted);
        Assert.Equal("", FieldValue(cut));
        Assert.True(IsDisabled(cut, "code-submit"));
    }

    [Fact]
    public void Pressing_enter_submits_the_code_and_clears_the_field()
    {
        var cut = RenderForm();
        Type(cut, "654321");

        cut.Find("input[data-testid=code]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["654321"], _submitted);
        Assert.Equal("", FieldValue(cut));
    }

    [Fact]
    public void Enter_followed_by_the_browsers_form_submit_sends_the_code_once()
    {
        var cut = RenderForm();
        Type(cut, "654321");

        cut.Find("input[data-testid=code]").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.Find("form").Submit();

        Assert.Equal(["654321"], _submitted);
    }

    [Fact]
    public void Other_keys_do_not_submit()
    {
        var cut = RenderForm();
        Type(cut, "654321");

        cut.Find("input[data-testid=code]").KeyDown(new KeyboardEventArgs { Key = "1" });

        Assert.Empty(_submitted);
        Assert.Equal("654321", FieldValue(cut));
    }

    [Fact]
    public void Empty_field_does_not_submit_on_enter()
    {
        var cut = RenderForm();

        cut.Find("input[data-testid=code]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Empty(_submitted);
    }

    [Fact]
    public void While_busy_the_field_and_verify_are_disabled_with_a_spinner_and_enter_submits_nothing()
    {
        var cut = RenderForm();
        Type(cut, "123456");

        cut.Render(p => p.Add(f => f.Busy, true));
        cut.Find("input[data-testid=code]").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.True(cut.Find("input[data-testid=code]").HasAttribute("disabled"));
        Assert.True(IsDisabled(cut, "code-submit"));
        Assert.Single(cut.FindAll("[data-testid=code-submit] .mud-progress-circular"));
        Assert.Empty(_submitted);
    }
}
