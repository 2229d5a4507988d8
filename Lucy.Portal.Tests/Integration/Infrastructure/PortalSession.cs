using System.Net;
using System.Text.RegularExpressions;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>One browser-like visitor: keeps cookies, fills the static account forms with their antiforgery token.</summary>
public sealed partial class PortalSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    /// <summary>Loads the page, then posts the named Blazor form on it with the given fields.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string path, string formName, IDictionary<string, string> fields)
    {
        using var page = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["_handler"] = formName,
        };
        using var content = new FormUrlEncodedContent(form);
        return await Client.PostAsync(path, content);
    }

    public Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        SubmitFormAsync("/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>Posts the logout form the app bar shows.</summary>
    public async Task<HttpResponseMessage> LogoutAsync()
    {
        using var page = await Client.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
        });
        return await Client.PostAsync("/Account/Logout", content);
    }

    /// <summary>The browser key the password step issued (the Lucy.SignInBrowser cookie), which challenges are bound to.</summary>
    public static string BrowserKeyFrom(HttpResponseMessage passwordStep)
    {
        var cookie = passwordStep.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.LastOrDefault(c => c.StartsWith("Lucy.SignInBrowser=", StringComparison.Ordinal))
            : null;
        Assert.True(cookie is not null, "The password step issued no browser key.");
        return Uri.UnescapeDataString(cookie["Lucy.SignInBrowser=".Length..].Split(';')[0]);
    }

    /// <summary>Posts a sign-in grant as the token prompt's completion form does, with the prompt's antiforgery token.</summary>
    public async Task<HttpResponseMessage> CompleteSignInAsync(string grant, string returnUrl = "/")
    {
        using var prompt = await Client.GetAsync("/Account/LoginWith2fa");
        // Without a password step the prompt sends the visitor to log in; that page has a token too.
        using var page = prompt.StatusCode == HttpStatusCode.OK ? null : await Client.GetAsync("/Account/Login");
        var html = await (page ?? prompt).Content.ReadAsStringAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html),
            ["grant"] = grant,
            ["returnUrl"] = returnUrl,
        });
        return await Client.PostAsync("/Account/CompleteSignIn", content);
    }

    /// <summary>
    /// Posts the token prompt's plain code form on <paramref name="page"/> (its challenge and method) with a code, as a
    /// browser submits it; <paramref name="challenge"/> replaces the page's own.
    /// </summary>
    public async Task<HttpResponseMessage> PostCodeFormAsync(
        string page, string code, string path = "/Account/LoginWith2fa", bool remember = false, string? challenge = null, bool withToken = true)
    {
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "app-code",
            ["Input.Challenge"] = challenge ?? HiddenField(page, "Input.Challenge"),
            ["Input.Method"] = HiddenField(page, "Input.Method"),
            ["Input.Code"] = code,
        };
        if (withToken)
        {
            form["__RequestVerificationToken"] = AntiforgeryToken(page);
        }
        if (remember)
        {
            form["Input.RememberDevice"] = "true";
        }
        using var content = new FormUrlEncodedContent(form);
        return await Client.PostAsync(path, content);
    }

    public static string HiddenField(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The page has no {name} field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
