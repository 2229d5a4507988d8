namespace Lucy.Portal.Core.Dashboard;

/// <summary>Everything the registered <see cref="IAttentionSource"/>s report, the most severe first.</summary>
public sealed class AttentionList(IEnumerable<IAttentionSource> sources, TimeProvider time)
{
    /// <summary>How many accounts an item names; the rest are counted.</summary>
    public const int NamedAccounts = 5;

    public async Task<IReadOnlyList<AttentionItem>> ReadAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var items = new List<AttentionItem>();
        // One after the other: the sources share the scope's DbContext, which allows one query at a time.
        foreach (var source in sources)
        {
            items.AddRange(await source.ReadAsync(now, ct));
        }
        return items.OrderByDescending(i => i.Severity).ToList();
    }
}
