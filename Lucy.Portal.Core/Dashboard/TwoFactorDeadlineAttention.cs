using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Policy;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// Users the 2FA policy requires to enrol whose deadline passes within <see cref="Window"/>, and those already past it
/// (they can reach only Configure 2FA). Deadlines come from the same rules and per-user clocks the sign-in enforces.
/// </summary>
public sealed class TwoFactorDeadlineAttention(PortalDbContext db, UserFactorFactsQuery facts, AdvancedSettingsCache settings) : IAttentionSource
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<AttentionItem>> ReadAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var current = await settings.GetAsync(ct);
        var clocks = await db.Set<TwoFactorClock>().AsNoTracking().ToDictionaryAsync(c => c.UserId, c => c.RequiredSince, ct);
        var soon = new List<(string UserId, DateTimeOffset Deadline)>();
        var overdue = new List<(string UserId, DateTimeOffset Deadline)>();
        foreach (var (userId, user) in await facts.AllAsync(ct))
        {
            var since = clocks.TryGetValue(userId, out var s) ? s : now;
            var obligation = TwoFactorPolicyRules.Evaluate(current.TwoFactorPolicy, user, current.Providers, since, now);
            if (obligation is { Kind: TwoFactorObligationKind.Overdue, Deadline: { } passed })
            {
                overdue.Add((userId, passed));
            }
            else if (obligation is { Kind: TwoFactorObligationKind.WithinGrace, Deadline: { } deadline } && deadline - now <= Window)
            {
                soon.Add((userId, deadline));
            }
        }
        var items = new List<AttentionItem>();
        if (overdue.Count > 0)
        {
            items.Add(await ItemAsync("twofactor-overdue", AttentionSeverity.Error,
                overdue.Count == 1 ? DashboardStrings.Deadline_OverdueOne : DashboardStrings.Deadline_OverdueMany(overdue.Count), overdue, ct));
        }
        if (soon.Count > 0)
        {
            items.Add(await ItemAsync("twofactor-deadline", AttentionSeverity.Warning,
                soon.Count == 1 ? DashboardStrings.Deadline_SoonOne : DashboardStrings.Deadline_SoonMany(soon.Count), soon, ct));
        }
        return items;
    }

    private async Task<AttentionItem> ItemAsync(
        string key, AttentionSeverity severity, string title, List<(string UserId, DateTimeOffset Deadline)> users, CancellationToken ct)
    {
        var first = users.OrderBy(u => u.Deadline).Take(AttentionList.NamedAccounts).Select(u => u.UserId).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => first.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        return new AttentionItem(key, severity, title, UsersPageLinks.Users, DashboardStrings.Deadline_Action)
        {
            Detail = DashboardStrings.Deadline_Detail,
            Count = users.Count,
            Accounts = [.. first.Select(id => new NamedAccount(id, emails.GetValueOrDefault(id, "")))],
        };
    }
}
