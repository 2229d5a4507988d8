using System.Text.RegularExpressions;
using MimeKit;

namespace Lucy.Portal.Tests.Mail;

/// <summary>Reads the portal link out of a captured mail, as its reader would click it.</summary>
public static partial class MailLinks
{
    /// <summary>The path and query of the first link to the page in the mail's text.</summary>
    public static string PathTo(MimeMessage mail, string page)
    {
        var match = Link().Matches(mail.TextBody ?? "").FirstOrDefault(m => m.Value.Contains(page, StringComparison.Ordinal));
        Assert.True(match is not null, $"No link to {page} in: {mail.TextBody}");
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}

/// <summary>The set-password form behind a mailed link, posted as a browser (or an attacker replaying the post) would.</summary>
public static class LinkForms
{
    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    /// <summary>Loads the link's page once, then posts its form with the password as many times as asked; returns the last answer.</summary>
    public static async Task<List<HttpResponseMessage>> PostAsync(
        Lucy.Portal.Tests.Integration.Infrastructure.PortalSession session, string link, string formName, params string[] passwords)
    {
        using var page = await session.GetAsync(link);
        var antiforgery = Lucy.Portal.Tests.Integration.Infrastructure.PortalSession.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var answers = new List<HttpResponseMessage>();
        foreach (var password in passwords)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery,
                ["_handler"] = formName,
                ["Input.Token"] = TokenOf(link),
                ["Input.NewPassword"] = password,
                ["Input.ConfirmPassword"] = password,
            });
            answers.Add(await session.Client.PostAsync(link, form));
        }
        return answers;
    }
}
