namespace Lucy.Portal.Core.Auditing;

/// <summary>
/// The network address of the person the current work is done for. The web project sets it for each HTTP request and
/// for each activity of an interactive circuit; <see cref="AuditLog"/> stamps it on every row whose writer did not
/// pass an address, so no service needs the address threaded through its signature to be audited with it.
/// </summary>
public static class AuditClient
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? IpAddress => Current.Value;

    /// <summary>Sets the address for the work that follows in this async flow, until the returned scope is disposed.</summary>
    public static IDisposable Use(string? ipAddress)
    {
        var previous = Current.Value;
        Current.Value = ipAddress;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
