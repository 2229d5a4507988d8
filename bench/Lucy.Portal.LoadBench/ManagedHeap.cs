using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Lucy.Portal.LoadBench;

/// <summary>
/// The portal process's live managed heap, read from outside: dotnet-gcdump forces a full collection in the portal,
/// then walks its heap; its report's first line is the total. Optional: `dotnet tool install --tool-path DIR
/// dotnet-gcdump`, then LUCY_GCDUMP=DIR/dotnet-gcdump (or DIR on PATH). For the heap by type see bench/heap-by-type.sh.
/// </summary>
internal static partial class ManagedHeap
{
    public static string? Tool()
    {
        if (Environment.GetEnvironmentVariable("LUCY_GCDUMP") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return folders.Select(folder => Path.Combine(folder, "dotnet-gcdump")).FirstOrDefault(File.Exists);
    }

    /// <summary>Live managed bytes of the process after a full collection.</summary>
    public static async Task<long> LiveBytesAsync(string tool, int processId)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lucy-load-bench-{processId}-{Guid.NewGuid():N}.gcdump");
        try
        {
            await RunAsync(tool, "collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", file);
            var report = await RunAsync(tool, "report", file);
            return TotalLine().Match(report) is { Success: true } m
                ? long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
                : throw new InvalidOperationException("dotnet-gcdump report printed no total.");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-gcdump {args[0]} failed: {await errors}");
        }
        return await output;
    }

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline)]
    private static partial Regex TotalLine();
}
