using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// A static form rendered again after a refusal (a field missing, passwords that differ, a password refused) keeps what
/// was typed, except passwords: they never travel back in the page (security.md: secrets are never rendered back).
/// </summary>
public sealed class PasswordsNotRenderedBackTests : IAsyncDisposable
{
    private const string Typed = "typed secret 73914 long enough";
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Login_form_without_an_email()
    {
        await _portal.SeedAccountsAsync();
        using var session = _portal.CreateSession();

        using var answer = await session.SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = "",
            ["Input.Password"] = Typed,
        });

        await AssertNotRenderedBackAsync(answer);
    }

    [Theory]
    [InlineData("a different repetition")]
    [InlineData(null)]
    public async Task Setup_form_with_passwords_that_differ_or_a_refused_password(string? repeated)
    {
        using var session = _portal.CreateSession();
        // Without a repetition that differs: a valid form whose password the server refuses (too short).
        var password = repeated is null ? "short 7391" : Typed;

        using var answer = await session.SubmitFormAsync("/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Email"] = "first.admin@lucy.test",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = repeated ?? password,
        });

        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("first.admin@lucy.test", html);
        Assert.DoesNotContain(password, html);
        Assert.DoesNotContain(repeated ?? password, html);
    }

    [Fact]
    public async Task Change_password_form_with_new_passwords_that_differ()
    {
        await _portal.SeedAccountsAsync();
        using var session = _portal.CreateSession();
        (await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password)).Dispose();

        using var answer = await session.SubmitFormAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = PortalFactory.Password,
            ["Input.NewPassword"] = Typed,
            ["Input.ConfirmPassword"] = "a different repetition",
        });

        var html = await answer.Content.ReadAsStringAsync();
        Assert.DoesNotContain(PortalFactory.Password, html);
        Assert.DoesNotContain(Typed, html);
        Assert.DoesNotContain("a different repetition", html);
    }

    private static async Task AssertNotRenderedBackAsync(HttpResponseMessage answer)
    {
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<form", html);
        Assert.DoesNotContain(Typed, html);
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
