using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// The background loop: delivers due mail when woken by a new message or at each poll. Its first look comes one poll
/// after start (sooner when mail is queued here), so mail left from before a restart does not compete with the start
/// and the first page for the cores (issue 15, cold start).
/// </summary>
public sealed class MailOutboxSender(
    OutboxDelivery delivery, OutboxSignal signal, IOptions<MailOutboxOptions> options, TimeProvider time, ILogger<MailOutboxSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken);
                await delivery.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive a database hiccup; the message stays queued.
            catch (Exception e)
#pragma warning restore CA1031
            {
                // The wait at the top of the loop spaces the next attempt.
                logger.LogError(e, "The mail outbox sender failed; it tries again at the next poll.");
            }
        }
    }
}
