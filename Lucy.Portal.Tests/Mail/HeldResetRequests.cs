using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Mail;

/// <summary>A mail portal whose reset requests are held before they save (<see cref="HeldResetRequests"/>).</summary>
internal sealed class RacePortal(HeldResetRequests held) : MailPortal
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.ConfigureDbContext<SqlitePortalDbContext>(db => db.AddInterceptors(held));
    }
}

/// <summary>
/// Holds every save of a reset request until all the expected requests are saving, or half a second passed (a request
/// made to wait for the database by another one never arrives: then the one saving goes on alone).
/// </summary>
internal sealed class HeldResetRequests(int expected) : SaveChangesInterceptor
{
    private readonly TaskCompletionSource _allSaving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _saving;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context!.ChangeTracker.Entries<PasswordResetRequest>().Any(e => e.State == EntityState.Added))
        {
            if (Interlocked.Increment(ref _saving) >= expected)
            {
                _allSaving.TrySetResult();
            }
            await Task.WhenAny(_allSaving.Task, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken));
        }
        return result;
    }
}
