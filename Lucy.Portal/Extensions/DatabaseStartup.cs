using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;

namespace Lucy.Portal.Extensions;

/// <summary>
/// Brings the database up to date as the host starts, partly beside the rest of the start (issue 15, cold start;
/// bench/README.md). The schema and the stored keys' at-rest form come first, before any other start-up work reads
/// the database (the Data Protection key ring is loaded from it). The rest (roles, first administrator) then runs
/// beside the key ring's load and the server's start, and the host's start ends (ApplicationStarted) only when it is
/// done. Until then <see cref="Middleware.StartupGate"/> holds every request before anything reads the database or
/// answers, so no page is served before all of it is done, as before. A failure fails the host's start, as before.
/// </summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, AdministratorPresence administrators, ILogger<DatabaseStartup> logger)
    : IHostedLifecycleService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the database is ready; faults when its initialization failed.</summary>
    public Task Ready => _ready.Task;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            await initializer.PrepareStorageAsync(cancellationToken);
            _ = Task.Run(() => PrepareAsync(scope, initializer, cancellationToken), CancellationToken.None);
        }
        catch (Exception e)
        {
            await scope.DisposeAsync();
            Fail(e);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Ready;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareAsync(AsyncServiceScope scope, DatabaseInitializer initializer, CancellationToken cancellationToken)
    {
        try
        {
            await using (scope)
            {
                await initializer.PrepareAccountsAsync(cancellationToken);
            }
            // The first-run gate asks this on the first request; asked here (the initializer usually knows it already),
            // the gate reads the answer remembered instead of compiling the query while the first page waits.
            await administrators.ExistsAsync();
            _ready.TrySetResult();
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        logger.LogCritical(e, "The database could not be initialized; the portal does not start.");
        _ready.TrySetException(e);
    }
}
