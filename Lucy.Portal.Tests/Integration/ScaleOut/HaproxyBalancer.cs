using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lucy.Portal.Tests.Integration.Infrastructure;

namespace Lucy.Portal.Tests.Integration.ScaleOut;

/// <summary>
/// Debian's HAProxy in front of two portal instances, on loopback and as a child process of the test with a config
/// generated here (never a system service). Sticky by an inserted cookie, as deploy/haproxy.cfg does it: a Blazor
/// circuit lives in one process, so a browser keeps to the instance that served it until that instance is down.
/// </summary>
public sealed class HaproxyBalancer : IAsyncDisposable
{
    /// <summary>The cookie HAProxy inserts to pin a browser to an instance; its value names the server.</summary>
    public const string StickyCookie = "LucyInstance";

    private readonly Process _process;
    private readonly string _configPath;
    private readonly StringBuilder _output = new();

    private HaproxyBalancer(Process process, string configPath, Uri baseAddress)
    {
        _process = process;
        _configPath = configPath;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("LUCY_HAPROXY") is { Length: > 0 } path ? path
        : new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy" }.FirstOrDefault(File.Exists) ?? "haproxy";

    /// <summary>Starts HAProxy with the servers named "a" and "b" and waits until it answers through to a portal.</summary>
    public static async Task<HaproxyBalancer> StartAsync(PortalInstances instances)
    {
        // A missing balancer is a failure, never a skip: the scale-out journey must be proven in CI (test.sh installs it).
        Assert.True(File.Exists(ExecutablePath), $"HAProxy not found at {ExecutablePath}: install it (apt-get install -y haproxy) or set LUCY_HAPROXY.");
        var port = FreeLoopbackPort();
        var configPath = Path.Combine(Path.GetTempPath(), $"lucy-haproxy-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(configPath, Config(port, instances.A.BaseAddress, instances.B.BaseAddress));
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -db: stay in the foreground as our child, no daemon, no pid file.
        foreach (var argument in new[] { "-db", "-f", configPath })
        {
            start.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = start };
        var balancer = new HaproxyBalancer(process, configPath, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, line) => balancer.Record(line.Data);
        process.ErrorDataReceived += (_, line) => balancer.Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await balancer.WaitUntilServingAsync();
            return balancer;
        }
        catch
        {
            await balancer.DisposeAsync();
            throw;
        }
    }

    // Kept in step with deploy/haproxy.cfg; only the addresses differ.
    private static string Config(int port, Uri a, Uri b) => string.Create(CultureInfo.InvariantCulture, $"""
        global
            maxconn 4096

        defaults
            mode http
            timeout connect 2s
            timeout client 60s
            timeout server 60s
            # Generous: on a busy test machine a slow /health must not mark a live instance down.
            timeout check 5s
            # A Blazor circuit is one long WebSocket.
            timeout tunnel 1h

        frontend portal
            bind 127.0.0.1:{port}
            default_backend portals

        backend portals
            balance roundrobin
            cookie {StickyCookie} insert indirect nocache httponly
            option redispatch
            retries 2
            option httpchk GET /health
            http-check expect status 200
            server a {a.Host}:{a.Port} check inter 1s fall 2 rise 1 cookie a
            server b {b.Host}:{b.Port} check inter 1s fall 2 rise 1 cookie b

        """);

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            Assert.False(_process.HasExited, $"HAProxy exited:\n{Output}");
            try
            {
                using var health = await client.GetAsync("health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"HAProxy at {BaseAddress} did not serve the portal:\n{Output}");
            await Task.Delay(100);
        }
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            _process.Dispose();
            File.Delete(_configPath);
        }
    }
}
