using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.LoginBench;

/// <summary>The real portal on a loopback port, hosted in this process so its managed heap can be measured.</summary>
internal sealed class BenchPortal : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"lucy-circuit-bench-{Guid.NewGuid():N}.db");

    public BenchPortal() => UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));

    public Uri BaseAddress { get; private set; } = default!;

    public CircuitCounter Circuits { get; } = new();

    public void Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:SqlitePath", _databasePath);
        // The key-encryption certificate is generated per run beside the database, not in the shared temp folder.
        builder.UseSetting("DataProtection:KeysFolder", _databasePath + ".keys");
        // Outside Development, assets of packages (MudBlazor) are only found through the build's manifest.
        builder.UseStaticWebAssets();
        // appsettings.json logs every audit event at Information; the figures should stand alone.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        builder.ConfigureServices(services => services.AddSingleton<CircuitHandler>(Circuits));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
        if (Directory.Exists(_databasePath + ".keys"))
        {
            Directory.Delete(_databasePath + ".keys", recursive: true);
        }
    }
}

/// <summary>Counts open circuits, so the figure is known to be per live circuit.</summary>
internal sealed class CircuitCounter : CircuitHandler
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }
}
