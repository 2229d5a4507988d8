using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>The notices that follow from failures: account locked, and someone with the password failing the second factor.</summary>
public class SecurityNoticeTriggerTests : IAsyncLifetime
{
    private const string Locked = "Lucy Portal: your account is locked";
    private const string Suspicious = "Lucy Portal: someone may know your password";
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

    private async Task<string> PassPasswordAsync()
    {
        using var session = _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(_user.Id, PortalSession.BrowserKeyFrom(login));
    }

    private async Task<TwoFactorLoginResult> VerifyAsync(string challenge, string code)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TwoFactorLogin>().VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, code, false, "198.51.100.4");
    }

    private async Task<int> NoticesAsync(string subject)
    {
        await _portal.WaitUntilOutboxIsDeliveredAsync();
        return _portal.Smtp.Messages.Count(m => m.Subject == subject);
    }

    [Fact]
    public async Task A_lock_that_begins_is_told_once_not_per_refused_attempt()
    {
        using var attacker = _portal.CreateSession();
        for (var i = 0; i < 8; i++)
        {
            using var wrong = await attacker.LoginAsync(PortalFactory.UserEmail, "wrong password " + i);
        }

        Assert.Equal(1, await NoticesAsync(Locked));
        Assert.Equal(0, await NoticesAsync(Suspicious));
    }

    [Fact]
    public async Task Three_wrong_codes_after_the_right_password_tell_the_user_once()
    {
        var challenge = await PassPasswordAsync();
        Assert.Equal(TwoFactorLoginStatus.WrongCode, (await VerifyAsync(challenge, "000001")).Status);
        Assert.Equal(TwoFactorLoginStatus.WrongCode, (await VerifyAsync(challenge, "000002")).Status);
        Assert.Equal(0, await NoticesAsync(Suspicious));

        await VerifyAsync(challenge, "000003");
        await VerifyAsync(challenge, "000004");

        Assert.Equal(1, await NoticesAsync(Suspicious));
        var mail = _portal.Smtp.Messages.Single(m => m.Subject == Suspicious);
        Assert.Contains("198.51.100.4", mail.TextBody);
        Assert.DoesNotContain("000003", mail.TextBody);
        Assert.Equal(0, await NoticesAsync(Locked));
    }

    [Fact]
    public async Task A_replayed_code_tells_the_user_at_once()
    {
        var code = _portal.CurrentCode(_user.Seed);
        Assert.Equal(TwoFactorLoginStatus.Verified, (await VerifyAsync(await PassPasswordAsync(), code)).Status);

        var replay = await VerifyAsync(await PassPasswordAsync(), code);

        Assert.Equal(TwoFactorLoginStatus.Replayed, replay.Status);
        Assert.Equal(1, await NoticesAsync(Suspicious));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_and_tell_both_once()
    {
        var challenge = await PassPasswordAsync();
        for (var i = 0; i < 7; i++)
        {
            await VerifyAsync(challenge, $"00000{i}");
        }

        Assert.Equal(1, await NoticesAsync(Suspicious));
        Assert.Equal(1, await NoticesAsync(Locked));
    }

    [Fact]
    public async Task Without_mail_the_lock_notice_is_still_audited()
    {
        await _portal.Services.GetRequiredService<Lucy.Portal.Core.Mail.MailSettings>().SaveAsync(
            new Lucy.Portal.Core.Mail.MailSettingsForm(null, 25, Lucy.Portal.Core.Mail.MailSecurity.None, null, null),
            new Lucy.Portal.Core.Settings.SettingsActor(null, null));
        using var attacker = _portal.CreateSession();
        for (var i = 0; i < 6; i++)
        {
            using var wrong = await attacker.LoginAsync(PortalFactory.UserEmail, "wrong password " + i);
        }

        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Lucy.Portal.Core.Data.PortalDbContext>();
        Assert.Single(db.AuditEvents.Where(e => e.Event == Lucy.Portal.Core.Auditing.AuditEvents.NoticeRecorded && e.Detail!.StartsWith(nameof(UserNoticeKind.AccountLocked))));
        Assert.Empty(await _portal.OutboxAsync());
    }
}
