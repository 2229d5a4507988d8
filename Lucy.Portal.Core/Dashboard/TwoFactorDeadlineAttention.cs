using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// Users the 2FA policy requires to enrol whose deadline passes within <see cref="Window"/>, and those already past it
/// (they can reach only Configure 2FA). Deadlines come from the same rules and per-user clocks the sign-in enforces,
/// counted in SQL per group of users with the same grace (<see cref="TwoFactorObligationQuery"/>): a deadline is the
/// clock plus that grace, so "passed" and "within a week" are ranges of clock values.
/// </summary>
public sealed class TwoFactorDeadlineAttention(TwoFactorObligationQuery obligations, AdvancedSettingsCache settings) : IAttentionSource
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<AttentionItem>> ReadAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        var byGrace = UserCategory.All
            .Select(c => (Category: c, Grace: TwoFactorObligationQuery.Grace(current.TwoFactorPolicy, current.Providers, c)))
            .Where(c => c.Grace is not null)
            .GroupBy(c => c.Grace!.Value, c => c.Category);
        var overdue = new DueUsers();
        var soon = new DueUsers();
        foreach (var group in byGrace)
        {
            var grace = group.Key;
            var users = obligations.WithClock(obligations.UsersIn([.. group], current.Providers), now);
            var passedBefore = now - grace;
            var dueBefore = now + Window - grace;
            var counts = await users.Where(u => u.Since <= dueBefore)
                .GroupBy(u => u.Since <= passedBefore)
                .Select(g => new { Passed = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var count in counts)
            {
                var due = count.Passed ? overdue : soon;
                due.Count += count.Count;
                due.First.AddRange(await FirstAsync(
                    count.Passed ? users.Where(u => u.Since <= passedBefore) : users.Where(u => u.Since > passedBefore && u.Since <= dueBefore), grace, ct));
            }
        }
        var items = new List<AttentionItem>();
        if (overdue.Count > 0)
        {
            items.Add(Item("twofactor-overdue", AttentionSeverity.Error,
                overdue.Count == 1 ? DashboardStrings.Deadline_OverdueOne : DashboardStrings.Deadline_OverdueMany(overdue.Count), overdue));
        }
        if (soon.Count > 0)
        {
            items.Add(Item("twofactor-deadline", AttentionSeverity.Warning,
                soon.Count == 1 ? DashboardStrings.Deadline_SoonOne : DashboardStrings.Deadline_SoonMany(soon.Count), soon));
        }
        return items;
    }

    /// <summary>The group's first few by deadline (its clocks' order, the grace being the group's).</summary>
    private static async Task<IEnumerable<(NamedAccount Account, DateTimeOffset Deadline)>> FirstAsync(
        IQueryable<UserSince> users, TimeSpan grace, CancellationToken ct) =>
        (await users.OrderBy(u => u.Since).ThenBy(u => u.Email).Take(AttentionList.NamedAccounts).ToListAsync(ct))
            .Select(u => (new NamedAccount(u.Id, u.Email ?? ""), u.Since + grace));

    private static AttentionItem Item(string key, AttentionSeverity severity, string title, DueUsers users) =>
        new(key, severity, title, UsersPageLinks.Users, DashboardStrings.Deadline_Action)
        {
            Detail = DashboardStrings.Deadline_Detail,
            Count = users.Count,
            Accounts = [.. users.First.OrderBy(u => u.Deadline).ThenBy(u => u.Account.Email, StringComparer.Ordinal)
                .Take(AttentionList.NamedAccounts).Select(u => u.Account)],
        };

    private sealed class DueUsers
    {
        public int Count { get; set; }
        public List<(NamedAccount Account, DateTimeOffset Deadline)> First { get; } = [];
    }
}
