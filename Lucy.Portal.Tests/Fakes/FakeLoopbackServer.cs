using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// The hosting every fake outside service shares: a slim Kestrel app on a free loopback port (real HTTP), no
/// logging, stoppable so refused connections can be tested. Each fake only adds its routes (<see cref="Configure"/>).
/// </summary>
public abstract class FakeLoopbackServer : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>http://127.0.0.1:port; stays known after StopAsync so refused connections can be tested.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The fake's routes and middleware.</summary>
    protected abstract void Configure(WebApplication app);

    protected async Task StartOnLoopbackAsync(string environmentName, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeLoopbackServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = environmentName,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        Configure(app);
        await app.StartAsync(ct);
        _app = app;
        BaseAddress = new Uri(app.Urls.First());
    }

    /// <summary>Stops listening: later calls to BaseAddress are refused by the OS.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
        GC.SuppressFinalize(this);
    }
}
