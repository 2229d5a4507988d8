using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>
/// The built portal (Lucy.Portal.dll next to the tests) in a process of its own, on a loopback port Kestrel picks.
/// Killed with its process tree on dispose; on Linux a shell between us and the portal also kills it when the
/// test run itself dies, because the shell waits on our stdin and that pipe closes with us.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private PortalProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Everything the portal wrote to stdout and stderr so far.</summary>
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

    public static async Task<PortalProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment)
    {
        var portalDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo
        {
            WorkingDirectory = Path.GetDirectoryName(portalDll)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (OperatingSystem.IsWindows())
        {
            start.FileName = DotnetHost();
            foreach (var argument in new[] { portalDll, "--urls", "http://127.0.0.1:0" })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            // The watcher ends the portal when our stdin closes; the shell itself ends with the portal.
            start.ArgumentList.Add(
                "exec 3<&0; \"$0\" \"$1\" --urls http://127.0.0.1:0 & portal=$!; { read _ <&3; kill $portal 2>/dev/null; } & wait $portal");
            start.ArgumentList.Add(DotnetHost());
            start.ArgumentList.Add(portalDll);
        }
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var portal = new PortalProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        portal._process.OutputDataReceived += (_, line) => portal.Record(name, line.Data);
        portal._process.ErrorDataReceived += (_, line) => portal.Record(name, line.Data);
        portal._process.Exited += (_, _) => portal._listening.TrySetException(
            new InvalidOperationException($"Portal {name} exited before it listened:\n{portal.Output}"));
        portal._process.Start();
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        try
        {
            portal.BaseAddress = await portal._listening.Task.WaitAsync(StartTimeout);
            await portal.WaitUntilHealthyAsync();
            return portal;
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }
    }

    // The host the test run uses (DOTNET_HOST_PATH is set by the dotnet CLI), so the portal runs on the same runtime.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    private void Record(string name, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Append(name).Append(": ").AppendLine(line);
        }
        if (ListeningOn().Match(line) is { Success: true } listening)
        {
            _listening.TrySetResult(new Uri(listening.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var health = await client.GetAsync("health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The portal at {BaseAddress} did not become healthy:\n{Output}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the portal; a second call (a test stopped an instance, then the harness disposes all) does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            _process.StandardInput.Close();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
