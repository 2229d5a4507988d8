namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// One kind of thing an administrator should look at (locked accounts, users low on recovery codes, the provider's
/// health, ...). The attention list asks every registered source; a new kind is one class and one registration
/// (<see cref="DashboardServiceExtensions.AddAttentionSource{TSource}"/>).
/// </summary>
public interface IAttentionSource
{
    /// <summary>The items to show now; none when all is well.</summary>
    Task<IReadOnlyList<AttentionItem>> ReadAsync(DateTimeOffset now, CancellationToken ct = default);
}

/// <summary>One line of the attention list: what is wrong, how many, who, and the page where it is fixed.</summary>
public sealed record AttentionItem(string Key, AttentionSeverity Severity, string Title, string FixHref, string FixLabel)
{
    public string? Detail { get; init; }

    /// <summary>How many accounts it concerns (0 for a portal-wide item).</summary>
    public int Count { get; init; }

    /// <summary>The first few accounts, each linked to its row on the Users page.</summary>
    public IReadOnlyList<NamedAccount> Accounts { get; init; } = [];
}

public enum AttentionSeverity
{
    Info = 0,
    Warning = 1,
    Error = 2,
}
