using System.Net;
using System.Text.RegularExpressions;

namespace Lucy.Portal.LoadBench;

/// <summary>
/// One visitor as a browser behaves over HTTP: a cookie jar of its own, the static login form with its antiforgery
/// token, the prompt page, and the completion form. The HTTP connections are shared by all visitors.
/// </summary>
internal sealed partial class BrowserVisitor(HttpClient http, Uri baseAddress)
{
    public CookieContainer Cookies { get; } = new();

    /// <summary>The interactive prompt with every method (an authenticator user is first offered the plain form).</summary>
    public Uri PromptUri { get; } = new(baseAddress, "Account/LoginWith2fa?methods=all");

    /// <summary>Loads the login form and posts the password; the portal answers with the token prompt.</summary>
    public async Task PasswordStepAsync(string email, string password, CancellationToken ct) =>
        await PostPasswordAsync(await GetPageAsync("Account/Login", ct), email, password, ct);

    /// <summary>Posts the password through the login form's HTML; the portal answers with the token prompt.</summary>
    public async Task PostPasswordAsync(string form, string email, string password, CancellationToken ct)
    {
        using var post = await SendAsync(HttpMethod.Post, "Account/Login", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, ct);
        ExpectRedirect(post, "/Account/LoginWith2fa");
    }

    /// <summary>The prerendered interactive prompt: its HTML carries the component markers, the persisted state and a form token.</summary>
    public Task<string> GetPromptAsync(CancellationToken ct) => GetPageAsync("Account/LoginWith2fa?methods=all", ct);

    /// <summary>The prompt an authenticator user gets first: a plain form with the code field.</summary>
    public Task<string> GetCodeFormAsync(CancellationToken ct) => GetPageAsync("Account/LoginWith2fa", ct);

    /// <summary>Posts a code through the plain form, as a browser submits it; the portal signs in and redirects home.</summary>
    public async Task PostCodeAsync(string formHtml, string code, CancellationToken ct)
    {
        using var post = await SendAsync(HttpMethod.Post, "Account/LoginWith2fa", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(formHtml),
            ["_handler"] = "app-code",
            ["Input.Challenge"] = HiddenField(formHtml, "Input.Challenge"),
            ["Input.Method"] = HiddenField(formHtml, "Input.Method"),
            ["Input.Code"] = code,
        }, ct);
        ExpectRedirect(post, "/");
    }

    private static string HiddenField(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException($"The page has no {name} field.");

    /// <summary>Posts the grant as the prompt's completion form does, then loads the page it leads to.</summary>
    public async Task CompleteAsync(string promptHtml, string grant, CancellationToken ct)
    {
        await PostGrantAsync(promptHtml, grant, ct);
        await GetPageAsync("", ct);
    }

    /// <summary>Posts the grant as the prompt's completion form does; the portal signs in and redirects home.</summary>
    public async Task PostGrantAsync(string promptHtml, string grant, CancellationToken ct)
    {
        using var post = await SendAsync(HttpMethod.Post, "Account/CompleteSignIn", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(promptHtml),
            ["grant"] = grant,
            ["returnUrl"] = "/",
        }, ct);
        ExpectRedirect(post, "/");
    }

    public async Task<string> GetPageAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Dictionary<string, string>? form, CancellationToken ct)
    {
        var uri = new Uri(baseAddress, path);
        using var request = new HttpRequestMessage(method, uri);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        var cookies = Cookies.GetCookieHeader(uri);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }
        var response = await http.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                Cookies.SetCookies(uri, setCookie);
            }
        }
        return response;
    }

    public void ExpectRedirect(HttpResponseMessage response, string path)
    {
        var location = response.Headers.Location is { } l ? new Uri(baseAddress, l) : null;
        if (response.StatusCode != HttpStatusCode.Redirect || location?.AbsolutePath != path)
        {
            throw new InvalidOperationException($"Expected a redirect to {path}, got {(int)response.StatusCode} {location}");
        }
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
