using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// Every figure of the administrator home page, read in one fresh scope. Pages share a result for half the refresh
/// interval and wait for a read already under way rather than start their own, so many open tabs cost one read.
/// </summary>
public sealed class AdministratorDashboard(IServiceScopeFactory scopes, TimeProvider time, IOptions<DashboardOptions> options) : IDisposable
{
    private readonly SemaphoreSlim reading = new(1, 1);
    private AdministratorFigures? latest;

    public TimeSpan RefreshInterval => options.Value.RefreshInterval;

    public async Task<AdministratorFigures> ReadAsync(CancellationToken ct = default)
    {
        if (Fresh() is { } shared)
        {
            return shared;
        }
        await reading.WaitAsync(ct);
        try
        {
            return Fresh() ?? (latest = await ReadNowAsync(ct));
        }
        finally
        {
            reading.Release();
        }
    }

    public void Dispose() => reading.Dispose();

    private AdministratorFigures? Fresh() =>
        Volatile.Read(ref latest) is { } figures && time.GetUtcNow() - figures.ReadAt < RefreshInterval / 2 ? figures : null;

    private async Task<AdministratorFigures> ReadNowAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var format = await services.GetRequiredService<DateDisplay>().GetFormatAsync(ct);
        var coverage = await services.GetRequiredService<TwoFactorCoverage>().ReadAsync(ct);
        var signIns = await services.GetRequiredService<SignInActivity>().ReadAsync(format.TimeZone, SignInActivity.DefaultDays, ct);
        var attention = await services.GetRequiredService<AttentionList>().ReadAsync(ct);
        return new AdministratorFigures(time.GetUtcNow(), format, coverage, signIns, attention);
    }
}

/// <summary>The administrator home page's figures, and the date format they are shown in.</summary>
public sealed record AdministratorFigures(
    DateTimeOffset ReadAt,
    DateDisplayFormat Dates,
    CoverageFigures Coverage,
    SignInActivityFigures SignIns,
    IReadOnlyList<AttentionItem> Attention);
