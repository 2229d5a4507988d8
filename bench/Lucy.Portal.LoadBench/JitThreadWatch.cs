using System.Globalization;

namespace Lucy.Portal.LoadBench;

/// <summary>
/// CPU time the runtime's tiered-compilation thread (".NET Tiered Com…") of a process spends while this watch runs,
/// read from /proc every 100 ms. The runtime ends that thread when it is idle and starts a new one when methods are
/// due for tier 1, so every thread seen is followed by its id: a thread already there at the start counts from its
/// time then, a later one from zero. The last 100 ms of a thread that ends between two reads is missed.
/// </summary>
internal sealed class JitThreadWatch : IDisposable
{
    private readonly int _processId;
    private readonly Dictionary<int, double> _first;
    private readonly Dictionary<int, double> _last = [];
    private readonly Timer _timer;

    public JitThreadWatch(int processId)
    {
        _processId = processId;
        _first = Read();
        _timer = new Timer(_ => Poll(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Milliseconds of CPU so far.</summary>
    public double CpuMs()
    {
        Poll();
        lock (_last)
        {
            return _last.Sum(t => t.Value - _first.GetValueOrDefault(t.Key));
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Poll()
    {
        var now = Read();
        lock (_last)
        {
            foreach (var (thread, ticks) in now)
            {
                _last[thread] = ticks;
            }
        }
    }

    private Dictionary<int, double> Read()
    {
        var threads = new Dictionary<int, double>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{_processId}/task"))
            {
                try
                {
                    if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = ProcStat.CpuTime(Path.Combine(task, "stat")).TotalMilliseconds;
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading.
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // The process ended.
        }
        return threads;
    }
}
