using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// The portal's circuit limits reach the running host: memory an anonymous visitor's circuit can pin after it
/// disconnects, or while it ignores JS calls and render batches, is bounded as Extensions/CircuitLimits.cs says.
/// </summary>
public sealed class CircuitLimitsTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public void Disconnected_circuits_are_kept_one_minute_at_most_a_hundred_and_js_calls_time_out_after_15_seconds()
    {
        var options = _portal.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(1), options.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(100, options.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromSeconds(15), options.JSInteropDefaultCallTimeout);
        Assert.Equal(10, options.MaxBufferedUnacknowledgedRenderBatches);
        Assert.False(options.DetailedErrors);
    }

    [Fact]
    public void An_evicted_circuits_persisted_state_is_kept_ten_minutes_for_at_most_a_thousand_circuits()
    {
        var options = _portal.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(10), options.PersistedCircuitInMemoryRetentionPeriod);
        Assert.Equal(1000, options.PersistedCircuitInMemoryMaxRetained);
    }
}
