using Lucy.Portal.Core.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;

namespace Lucy.Portal.Extensions;

/// <summary>
/// Prepares the database beside the rest of the start (issue 15, cold start; bench/README.md): the schema and the
/// stored keys' at-rest form first, then the Data Protection key ring (loaded from the database) beside the roles and
/// the first administrator. The host meanwhile builds the request pipeline and opens its port, and its start ends
/// (ApplicationStarted) only when all of this is done. Until then <see cref="Middleware.StartupGate"/> holds every
/// request before anything reads the database or answers, so no page is served before all of it is done. A failure
/// fails the host's start.
/// This service loads the key ring in place of Data Protection's own start-up service (removed in
/// <see cref="PortalServiceExtensions.AddLucyPortal"/>), which would read the database before its schema is ready.
/// </summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes, IKeyRingProvider keyRing, ILogger<DatabaseStartup> logger)
    : IHostedLifecycleService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the database is ready; faults when its initialization failed.</summary>
    public Task Ready => _ready.Task;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(PrepareAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Ready.WaitAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareAsync()
    {
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
                await initializer.PrepareStorageAsync();
                // The roles query also tells AdministratorPresence whether an administrator exists, so the first-run
                // gate asks the database only on a first run.
                await Task.WhenAll(Task.Run(LoadKeyRing), initializer.PrepareAccountsAsync());
            }
            _ready.TrySetResult();
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The database could not be initialized; the portal does not start.");
            _ready.TrySetException(e);
        }
    }

    /// <summary>What Data Protection's start-up service does: a failure is no reason to stop, the first use tries again.</summary>
    private void LoadKeyRing()
    {
        try
        {
            keyRing.GetCurrentKeyRing();
        }
        catch (Exception e)
        {
            logger.LogError(e, "The Data Protection key ring could not be loaded at start-up; its first use tries again.");
        }
    }
}
