using Lucy.Portal.Core.Mail;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>STARTTLS and TLS against a real server with a self-signed certificate: trusted only when pinned.</summary>
public class MailTransportSecurityTests
{
    private static async Task<(MailPortal Portal, MailSendResult Result)> SendTestMailAsync(FakeSmtpSecurity serverSecurity, MailSecurity portalSecurity, bool pin)
    {
        var portal = new MailPortal(serverSecurity) { ManualSender = true };
        if (pin)
        {
            portal.Settings["Mail:PinnedCertificateSha256"] = portal.Smtp.CertificateSha256;
        }
        await portal.Smtp.StartAsync();
        await portal.ConfigureMailAsync(portalSecurity, withLogin: true);
        await using var scope = portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<TestMail>().SendAsync("admin@lucy.test", new SettingsActor(null, "admin@lucy.test"));
        return (portal, result);
    }

    [Theory]
    [InlineData(FakeSmtpSecurity.StartTls, MailSecurity.StartTls)]
    [InlineData(FakeSmtpSecurity.Tls, MailSecurity.Tls)]
    public async Task A_pinned_certificate_carries_the_mail_and_the_login(FakeSmtpSecurity server, MailSecurity portal)
    {
        var (host, result) = await SendTestMailAsync(server, portal, pin: true);
        await using var _ = host;

        Assert.True(result.Succeeded, result.Answer);
        Assert.Single(host.Smtp.Messages);
        Assert.Contains((FakeSmtpServer.UserName, FakeSmtpServer.Password), host.Smtp.Logins);
    }

    [Theory]
    [InlineData(FakeSmtpSecurity.StartTls, MailSecurity.StartTls)]
    [InlineData(FakeSmtpSecurity.Tls, MailSecurity.Tls)]
    public async Task An_untrusted_certificate_is_refused_before_the_password_is_sent(FakeSmtpSecurity server, MailSecurity portal)
    {
        var (host, result) = await SendTestMailAsync(server, portal, pin: false);
        await using var _ = host;

        Assert.False(result.Succeeded);
        Assert.Contains("TLS", result.Answer, StringComparison.Ordinal);
        Assert.Empty(host.Smtp.Logins);
        Assert.Empty(host.Smtp.Messages);
    }

    [Fact]
    public async Task Starttls_required_is_not_downgraded_to_plain_text_by_a_server_that_does_not_offer_it()
    {
        var (host, result) = await SendTestMailAsync(FakeSmtpSecurity.None, MailSecurity.StartTls, pin: false);
        await using var _ = host;

        Assert.False(result.Succeeded);
        Assert.Empty(host.Smtp.Logins);
        Assert.Empty(host.Smtp.Messages);
    }
}
