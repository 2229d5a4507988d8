using System.Globalization;

namespace Lucy.Portal.LoadBench;

/// <summary>What the bench reads from Linux's /proc: CPU time of a process or thread, and the load average.</summary>
internal static class ProcStat
{
    /// <summary>User + system CPU time from a /proc/PID/stat or /proc/PID/task/TID/stat file.</summary>
    public static TimeSpan CpuTime(string statPath)
    {
        // utime and stime (fields 14 and 15) follow the command name, which is in parentheses and may hold spaces;
        // they are counted in clock ticks of 10 ms.
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10.0);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
