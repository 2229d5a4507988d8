using System.Diagnostics;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.LoadBench;

/// <summary>The floor of goal 1: one PBKDF2 verification per login is unavoidable, so no more logins than this per second.</summary>
internal static class Pbkdf2Floor
{
    /// <summary>Verifications per second on every core for the duration, and this process's CPU per verification.</summary>
    public static (double PerSecond, double CpuMs) Measure<TUser>(IPasswordHasher<TUser> hasher, TUser user, string hash, string password, TimeSpan duration)
        where TUser : class
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var count = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                if (hasher.VerifyHashedPassword(user, hash, password) == PasswordVerificationResult.Failed)
                {
                    throw new InvalidOperationException("The password did not verify.");
                }
                Interlocked.Increment(ref count);
            }
        });
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        return (count / Stopwatch.GetElapsedTime(started).TotalSeconds, cpu / Math.Max(1, count));
    }
}
