using System.Net;
using System.Text.RegularExpressions;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>"Forgot password" end to end over HTTP, with the link read from the mail the SMTP server received.</summary>
public partial class ForgotPasswordTests : IAsyncLifetime
{
    private const string NewPassword = "a brand new passphrase for lucy";
    private readonly MailPortal _portal = new();
    private EnrolledUser _user = default!;

    public async Task InitializeAsync()
    {
        await _portal.Smtp.StartAsync();
        await _portal.SeedAccountsAsync();
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
        await _portal.ConfigureMailAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private async Task<string> RequestPageAsync(string email)
    {
        using var session = _portal.CreateSession();
        using var response = await session.SubmitFormAsync("/Account/ForgotPassword", "forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> ResetLinkAsync(int nth = 1)
    {
        await RequestPageAsync(PortalFactory.UserEmail);
        var mail = await _portal.Smtp.WaitForMessageToAsync(PortalFactory.UserEmail, nth);
        Assert.Equal("Lucy Portal: reset your password", mail.Subject);
        return MailLinks.PathTo(mail, "/Account/ResetPassword");
    }

    private static async Task<HttpResponseMessage> SetPasswordAsync(PortalSession session, string link, string password = NewPassword) =>
        (await LinkForms.PostAsync(session, link, "reset-password", password)).Single();

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answer_and_only_the_account_gets_mail()
    {
        var known = await RequestPageAsync(PortalFactory.UserEmail);
        var unknown = await RequestPageAsync("nobody@lucy.test");

        Assert.Contains("data-testid=\"forgot-sent\"", known);
        Assert.Equal(Normalized(known), Normalized(unknown));
        await _portal.Smtp.WaitForMessageToAsync(PortalFactory.UserEmail);
        Assert.Empty(_portal.Smtp.To("nobody@lucy.test"));
    }

    [Fact]
    public async Task The_link_sets_a_new_password_once_signs_nobody_in_and_the_next_login_asks_for_the_second_factor()
    {
        var link = await ResetLinkAsync();
        using var visitor = _portal.CreateSession();

        using var set = await SetPasswordAsync(visitor, link);

        ResponseAssert.RedirectsTo(set, "/Account/Login");
        using (var again = await visitor.GetAsync(link))
        {
            Assert.Contains("data-testid=\"link-invalid\"", await again.Content.ReadAsStringAsync());
        }
        using (var home = await visitor.GetAsync("/"))
        {
            ResponseAssert.RedirectsTo(home, "/Account/Login");
        }
        using var login = _portal.CreateSession();
        using (var old = await login.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        }
        using var fresh = await login.LoginAsync(PortalFactory.UserEmail, NewPassword);
        ResponseAssert.RedirectsTo(fresh, "/Account/LoginWith2fa");
        var notice = await _portal.Smtp.WaitForMessageToAsync(PortalFactory.UserEmail, 2);
        Assert.Equal("Lucy Portal: your password changed", notice.Subject);
    }

    [Fact]
    public async Task Twenty_redemptions_of_one_link_at_once_set_the_password_once()
    {
        var token = LinkForms.TokenOf(await ResetLinkAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using var scope = _portal.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccountLinks>()
                .RedeemAsync(token, AccountLinkPurpose.PasswordReset, $"racing passphrase number {i:00}", "203.0.113.5");
        }));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(19, results.Count(r => r.LinkInvalid));
    }

    [Fact]
    public async Task The_link_expires_after_one_hour()
    {
        var link = await ResetLinkAsync();
        _portal.Time.Advance(AccountLinks.PasswordResetLifetime + TimeSpan.FromSeconds(1));
        using var visitor = _portal.CreateSession();

        using var page = await visitor.GetAsync(link);

        Assert.Contains("data-testid=\"link-invalid\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Using_one_link_voids_every_other_link_sent_before()
    {
        var first = await ResetLinkAsync();
        var second = await ResetLinkAsync(2);
        using var visitor = _portal.CreateSession();

        using var set = await SetPasswordAsync(visitor, second);
        ResponseAssert.RedirectsTo(set, "/Account/Login");
        using var stale = await visitor.GetAsync(first);

        Assert.Contains("data-testid=\"link-invalid\"", await stale.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refused_password_keeps_the_link_usable()
    {
        var link = await ResetLinkAsync();
        using var visitor = _portal.CreateSession();

        var answers = await LinkForms.PostAsync(visitor, link, "reset-password", "short", NewPassword);
        var html = await answers[0].Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"status-message\"", html);
        Assert.DoesNotContain("value=\"short\"", html);

        ResponseAssert.RedirectsTo(answers[1], "/Account/Login");
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task An_account_gets_at_most_three_links_an_hour_and_an_address_five_requests()
    {
        for (var i = 0; i < 5; i++)
        {
            await RequestDirectAsync(PortalFactory.UserEmail);
        }
        for (var i = 0; i < 6; i++)
        {
            await RequestDirectAsync("nobody@lucy.test");
        }

        var outbox = await _portal.OutboxAsync();
        Assert.Equal(ForgottenPassword.PerAccountPerHour, outbox.Count(m => m.Purpose == nameof(AccountLinkPurpose.PasswordReset)));
        var outcomes = await AuditDetailsAsync(AuditEvents.PasswordResetRequested);
        Assert.Equal(2, outcomes.Count(o => o == "refused: too many links for this account"));
        Assert.Single(outcomes, o => o == "refused: too many requests for this address");
        _portal.Time.Advance(TimeSpan.FromMinutes(61));
        await RequestDirectAsync(PortalFactory.UserEmail);
        Assert.Equal(4, (await _portal.OutboxAsync()).Count(m => m.Purpose == nameof(AccountLinkPurpose.PasswordReset)));
    }

    [Fact]
    public async Task A_reset_does_not_lift_a_lockout()
    {
        var link = await ResetLinkAsync();
        using var attacker = _portal.CreateSession();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await attacker.LoginAsync(PortalFactory.UserEmail, "wrong password " + i);
        }
        using var visitor = _portal.CreateSession();

        using var set = await SetPasswordAsync(visitor, link);
        ResponseAssert.RedirectsTo(set, "/Account/Login");
        using var login = await visitor.LoginAsync(PortalFactory.UserEmail, NewPassword);

        ResponseAssert.RedirectsTo(login, "/Account/Lockout");
        Assert.Contains("link sent", await AuditDetailsAsync(AuditEvents.PasswordResetRequested));
        Assert.Contains(await AuditOutcomesAsync(AuditEvents.PasswordReset), o => o == AuditOutcome.Success);
    }

    [Fact]
    public async Task Without_mail_the_page_says_a_link_cannot_be_sent()
    {
        await _portal.Services.GetRequiredService<MailSettings>().SaveAsync(
            new MailSettingsForm(null, 25, MailSecurity.None, null, null), new Lucy.Portal.Core.Settings.SettingsActor(null, null));

        using var session = _portal.CreateSession();
        using var page = await session.GetAsync("/Account/ForgotPassword");

        Assert.Contains("data-testid=\"forgot-unavailable\"", await page.Content.ReadAsStringAsync());
        Assert.Empty(await _portal.OutboxAsync());
    }

    [Fact]
    public async Task The_login_page_links_to_forgot_password()
    {
        using var session = _portal.CreateSession();
        using var login = await session.GetAsync("/Account/Login");

        Assert.Contains("href=\"Account/ForgotPassword\"", await login.Content.ReadAsStringAsync());
    }

    private async Task RequestDirectAsync(string email)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ForgottenPassword>().RequestAsync(email, "http://localhost/Account/ResetPassword", "203.0.113.9");
    }

    private async Task<List<string?>> AuditDetailsAsync(string auditEvent)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.Where(e => e.Event == auditEvent).Select(e => e.Detail).ToListAsync();
    }

    private async Task<List<AuditOutcome>> AuditOutcomesAsync(string auditEvent)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.AuditEvents.Where(e => e.Event == auditEvent).Select(e => e.Outcome).ToListAsync();
    }

    // Antiforgery tokens and Blazor's per-response markers differ on every response; the rest must not.
    private static string Normalized(string html) => PerResponseValues().Replace(html, "");

    [GeneratedRegex("[A-Za-z0-9+/=_-]{32,}")]
    private static partial Regex PerResponseValues();
}
