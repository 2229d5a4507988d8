using Lucy.Portal.Core.Mail;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>A portal with a moving clock whose mail goes to a real SMTP server on loopback.</summary>
public class MailPortal(FakeSmtpSecurity security = FakeSmtpSecurity.None) : TwoFactorPortal
{
    public FakeSmtpServer Smtp { get; } = new(security);

    /// <summary>True to take the background sender out, so the test alone decides when the outbox is delivered.</summary>
    public bool ManualSender { get; init; }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        if (ManualSender)
        {
            var sender = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MailOutboxSender));
            services.Remove(sender);
        }
    }

    /// <summary>Points the portal at the fake server, as an administrator would on the Mail card.</summary>
    public async Task ConfigureMailAsync(MailSecurity mailSecurity = MailSecurity.None, bool withLogin = false)
    {
        var saved = await Services.GetRequiredService<MailSettings>().SaveAsync(
            new MailSettingsForm("127.0.0.1", Smtp.Port, mailSecurity,
                withLogin ? FakeSmtpServer.UserName : null, "portal@lucy.test", withLogin ? FakeSmtpServer.Password : null),
            new SettingsActor(null, PortalFactory.AdminEmail));
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Select(e => e.Message)));
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Lucy.Portal.Core.Data.PortalDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>Waits (up to 10 s) until the background sender has delivered everything queued so far.</summary>
    public async Task WaitUntilOutboxIsDeliveredAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((await OutboxAsync()).Any(m => m.SentAt is null))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public Task<int> DeliverAsync() => Services.GetRequiredService<OutboxDelivery>().DeliverDueAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
