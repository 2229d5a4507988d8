using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Core.Auditing;

/// <summary>
/// Applies <see cref="AuditRetention"/> a minute after start-up (not competing with the start itself) and then every
/// hour, on the injected clock. Several instances may run it at once: each batch deletes only what is still there.
/// </summary>
public sealed class AuditRetentionJob(IServiceScopeFactory scopes, TimeProvider time, ILogger<AuditRetentionJob> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunDelay, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken);
                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var deleted = await scope.ServiceProvider.GetRequiredService<AuditRetention>().ApplyAsync(ct);
            logger.LogInformation("Audit retention deleted {Count} rows", deleted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed run (database briefly unavailable) is retried at the next interval, not fatal to the host.
            logger.LogError(ex, "Audit retention failed");
        }
    }
}
