using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Mail;

/// <summary>The background loop: delivers due mail when woken by a new message or at each poll.</summary>
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
                await delivery.DeliverDueAsync(stoppingToken);
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must outlive a database hiccup; the message stays queued.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "The mail outbox sender failed; it tries again at the next poll.");
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
