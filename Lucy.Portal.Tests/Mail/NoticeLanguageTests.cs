using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Lucy.Portal.Tests.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>
/// Mails in the reader's language (docs/languages.md): the user's saved choice, else the language of the request that
/// caused the mail, else English; through the real notifier, outbox, background sender and a real SMTP server.
/// </summary>
public class NoticeLanguageTests : IAsyncLifetime
{
    private const string German = "anna.de@lucy.test";
    private const string Italian = "luca.it@lucy.test";
    private const string NoChoice = "sam@lucy.test";

    private readonly MailPortal _portal = new();
    private readonly Dictionary<string, string> _ids = [];

    public async Task InitializeAsync()
    {
        await _portal.Smtp.StartAsync();
        await _portal.SeedAccountsAsync();
        foreach (var (email, language) in new[] { (German, "de"), (Italian, "it"), (NoChoice, (string?)null) })
        {
            _ids[email] = (await _portal.CreateUserAsync(email, PortalRoles.User, false)).Id;
            await SetLanguageAsync(email, language);
        }
        await _portal.ConfigureMailAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task A_german_user_gets_a_german_notice_an_italian_user_an_italian_one_and_a_user_without_a_choice_english()
    {
        using var _ = new UiCulture("en");

        foreach (var email in new[] { German, Italian, NoChoice })
        {
            await NotifyAsync(new UserNotice(_ids[email], UserNoticeKind.PasswordChanged) { IpAddress = "203.0.113.7" });
        }

        var german = await _portal.Smtp.WaitForMessageToAsync(German);
        Assert.Equal("Lucy Portal: Ihr Passwort wurde geändert", german.Subject);
        Assert.Contains("Das Passwort Ihres Kontos wurde geändert.", german.TextBody);
        Assert.Contains("Von Adresse: 203.0.113.7", german.TextBody);
        Assert.Contains("<th align=\"left\">Wann</th>", german.HtmlBody);
        Assert.Contains("«Passwort vergessen»", german.TextBody);

        var italian = await _portal.Smtp.WaitForMessageToAsync(Italian);
        Assert.Equal("Lucy Portal: la tua password è cambiata", italian.Subject);
        Assert.Contains("La password del tuo account è stata modificata.", italian.TextBody);
        Assert.Contains("avviso di sicurezza automatico", italian.HtmlBody);

        var english = await _portal.Smtp.WaitForMessageToAsync(NoChoice);
        Assert.Equal("Lucy Portal: your password changed", english.Subject);
        Assert.Contains("The password of your account was changed.", english.TextBody);
    }

    [Fact]
    public async Task A_user_without_a_choice_gets_the_language_of_the_request_that_caused_the_notice()
    {
        using (new UiCulture("fr-CH"))
        {
            await NotifyAsync(new UserNotice(_ids[NoChoice], UserNoticeKind.AccountLocked));
        }

        var mail = await _portal.Smtp.WaitForMessageToAsync(NoChoice);
        Assert.Equal("Lucy Portal : votre compte est bloqué", mail.Subject);
        Assert.Contains("Votre compte a été bloqué après trop de tentatives de connexion échouées.", mail.TextBody);
    }

    [Fact]
    public async Task The_saved_choice_wins_over_the_language_of_the_request()
    {
        using (new UiCulture("fr"))
        {
            await NotifyAsync(new UserNotice(_ids[German], UserNoticeKind.TwoFactorDisabled));
        }

        var mail = await _portal.Smtp.WaitForMessageToAsync(German);
        Assert.Equal("Lucy Portal: Zwei-Faktor-Anmeldung ausgeschaltet", mail.Subject);
    }

    [Fact]
    public async Task A_request_in_a_language_the_portal_does_not_speak_gives_english()
    {
        using (new UiCulture("ja-JP"))
        {
            await NotifyAsync(new UserNotice(_ids[NoChoice], UserNoticeKind.FactorAdded));
        }

        var mail = await _portal.Smtp.WaitForMessageToAsync(NoChoice);
        Assert.Equal("Lucy Portal: a sign-in method was added", mail.Subject);
    }

    [Fact]
    public async Task A_password_reset_link_arrives_in_the_users_language()
    {
        using var _ = new UiCulture("en");
        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ForgottenPassword>()
                .RequestAsync(Italian, "http://localhost/Account/ResetPassword", "203.0.113.9");
        }

        var mail = await _portal.Smtp.WaitForMessageToAsync(Italian);
        Assert.Equal("Lucy Portal: reimpostare la password", mail.Subject);
        Assert.Contains("Qualcuno ha chiesto dall'indirizzo 203.0.113.9 di reimpostare la password dell'account Lucy Portal " + Italian + ".", mail.TextBody);
        Assert.Contains(">Scegliere una nuova password</a> (il link funziona una volta, fino al ", mail.HtmlBody);
        Assert.Contains("http://localhost/Account/ResetPassword?token=", mail.TextBody);
    }

    private Task NotifyAsync(UserNotice notice) => _portal.Services.GetRequiredService<IUserNotifier>().NotifyAsync(notice);

    private async Task SetLanguageAsync(string email, string? language)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        user.PreferredLanguage = language;
        await db.SaveChangesAsync();
    }
}
