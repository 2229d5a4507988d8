using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>The Mail card's service: validation, the password kept encrypted and never shown or audited.</summary>
public class MailSettingsTests : IAsyncLifetime
{
    private const string SmtpPassword = "p4ss-word-of-the-relay";
    private readonly MailPortal _portal = new() { ManualSender = true };
    private MailSettings Mail => _portal.Services.GetRequiredService<MailSettings>();
    private static readonly SettingsActor Admin = new("admin-id", PortalFactory.AdminEmail);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task The_password_is_stored_encrypted_shown_only_as_set_and_never_audited()
    {
        var saved = await Mail.SaveAsync(new MailSettingsForm("smtp.lucy.test", 587, MailSecurity.StartTls, "relay", "portal@lucy.test", SmtpPassword), Admin);

        Assert.True(saved.Succeeded);
        Assert.True((await Mail.GetAsync()).HasPassword);
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.Set<MailSettingsRow>().SingleAsync();
        Assert.DoesNotContain(SmtpPassword, row.ProtectedPassword!, StringComparison.Ordinal);
        var audit = await db.AuditEvents.Select(e => e.Detail).ToListAsync();
        Assert.Contains("Mail password: not set → set", audit);
        Assert.DoesNotContain(audit, d => d != null && d.Contains(SmtpPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_password_keeps_the_stored_one_and_a_new_one_is_audited_as_replaced()
    {
        await Mail.SaveAsync(new MailSettingsForm("smtp.lucy.test", 587, MailSecurity.StartTls, "relay", "portal@lucy.test", SmtpPassword), Admin);
        await Mail.SaveAsync(new MailSettingsForm("smtp.lucy.test", 587, MailSecurity.StartTls, "relay", "portal@lucy.test", null), Admin);
        Assert.True((await Mail.GetAsync()).HasPassword);

        await Mail.SaveAsync(new MailSettingsForm("smtp.lucy.test", 587, MailSecurity.StartTls, "relay", "portal@lucy.test", "another secret"), Admin);

        await using var scope = _portal.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEvents.Select(e => e.Detail).ToListAsync();
        Assert.Contains("Mail password: replaced", audit);
    }

    [Theory]
    [InlineData("smtp.lucy.test", 0, "portal@lucy.test", MailFields.Port)]
    [InlineData("http://smtp.lucy.test", 587, "portal@lucy.test", MailFields.Host)]
    [InlineData("smtp.lucy.test", 587, "not an address", MailFields.SenderAddress)]
    [InlineData("smtp.lucy.test", 587, "a@lucy.test\r\nBcc: b@evil.test", MailFields.SenderAddress)]
    [InlineData("smtp.lucy.test", 587, null, MailFields.SenderAddress)]
    [InlineData(null, 587, "portal@lucy.test", MailFields.Host)]
    public void Bad_values_get_a_message_on_their_field(string? host, int port, string? sender, string field)
    {
        var errors = new MailSettingsForm(host, port, MailSecurity.StartTls, null, sender).Validate();

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public async Task A_form_with_an_error_saves_nothing()
    {
        var result = await Mail.SaveAsync(new MailSettingsForm("smtp.lucy.test", 587, MailSecurity.StartTls, null, "not an address"), Admin);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.ErrorFor(MailFields.SenderAddress));
        Assert.False((await Mail.GetAsync()).IsConfigured);
    }
}
