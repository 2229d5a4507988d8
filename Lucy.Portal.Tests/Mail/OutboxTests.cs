using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>The outbox with the test in charge of the sender and the clock.</summary>
public class OutboxTests : IAsyncLifetime
{
    private readonly MailPortal _portal = new() { ManualSender = true };

    public async Task InitializeAsync()
    {
        await _portal.Smtp.StartAsync();
        await _portal.SeedAccountsAsync();
        await _portal.ConfigureMailAsync();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task QueueAsync(string to, string subject = "Hello") =>
        _portal.Services.GetRequiredService<MailOutbox>().EnqueueAsync(new OutgoingMail(to, subject, "text", "<p>html</p>", "Test"));

    [Fact]
    public async Task Mail_queued_while_the_server_is_down_is_delivered_exactly_once_when_it_is_back()
    {
        await _portal.Smtp.StopAsync();
        await QueueAsync("a@lucy.test");

        Assert.Equal(0, await _portal.DeliverAsync());
        var waiting = Assert.Single(await _portal.OutboxAsync());
        Assert.Equal(1, waiting.Attempts);
        Assert.NotNull(waiting.LastError);

        await _portal.Smtp.StartAsync();
        // Backoff: nothing is tried again before the first retry delay (30 s) has passed.
        Assert.Equal(0, await _portal.DeliverAsync());
        _portal.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await _portal.DeliverAsync());
        _portal.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await _portal.DeliverAsync());

        Assert.Single(_portal.Smtp.To("a@lucy.test"));
        var sent = Assert.Single(await _portal.OutboxAsync());
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.ProtectedBody);
    }

    [Fact]
    public async Task Retries_back_off_exponentially()
    {
        await _portal.Smtp.StopAsync();
        await QueueAsync("a@lucy.test");

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            await _portal.DeliverAsync();
            var row = Assert.Single(await _portal.OutboxAsync());
            waits.Add(row.NextAttemptAt - _portal.Time.GetUtcNow());
            _portal.Time.Advance(row.NextAttemptAt - _portal.Time.GetUtcNow());
        }

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240)], waits);
    }

    [Fact]
    public async Task A_message_given_up_is_audited_and_listed_as_undelivered()
    {
        await _portal.Smtp.StopAsync();
        await QueueAsync("gone@lucy.test", "Undeliverable");

        for (var i = 0; i < new MailOutboxOptions().MaxAttempts; i++)
        {
            await _portal.DeliverAsync();
            _portal.Time.Advance(TimeSpan.FromHours(2));
        }

        var undelivered = Assert.Single(await _portal.Services.GetRequiredService<MailOutbox>().UndeliveredAsync(10));
        Assert.True(undelivered.GaveUp);
        Assert.Equal("gone@lucy.test", undelivered.To);
        await using var scope = _portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Single(await db.AuditEvents.Where(e => e.Event == AuditEvents.MailUndelivered).ToListAsync());
        await _portal.Smtp.StartAsync();
        _portal.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await _portal.DeliverAsync());

        using var admin = _portal.CreateSession();
        using (var login = await admin.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password))
        {
            ResponseAssert.RedirectsTo(login, "/");
        }
        using var users = await admin.GetAsync("/users");
        var html = await users.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"undelivered-mail\"", html);
        Assert.Contains("gone@lucy.test", html);
    }

    [Fact]
    public async Task Two_senders_on_one_database_deliver_every_message_once()
    {
        for (var i = 0; i < 12; i++)
        {
            await QueueAsync($"m{i}@lucy.test");
        }
        var first = ActivatorUtilities.CreateInstance<OutboxDelivery>(_portal.Services);
        var second = ActivatorUtilities.CreateInstance<OutboxDelivery>(_portal.Services);

        var sent = await Task.WhenAll(first.DeliverDueAsync(), second.DeliverDueAsync(), first.DeliverDueAsync(), second.DeliverDueAsync());

        Assert.Equal(12, sent.Sum());
        Assert.Equal(12, _portal.Smtp.Messages.Count);
        Assert.Equal(12, _portal.Smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Fact]
    public async Task A_queued_body_is_encrypted_at_rest()
    {
        await _portal.Smtp.StopAsync();
        await QueueAsync("a@lucy.test", "Secret link inside");

        var row = Assert.Single(await _portal.OutboxAsync());
        Assert.DoesNotContain("text", row.ProtectedBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("html", row.ProtectedBody!, StringComparison.Ordinal);
    }
}
