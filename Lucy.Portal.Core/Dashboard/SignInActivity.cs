using System.Linq.Expressions;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// Sign-ins per local day from the audit log, counted in SQL (GROUP BY day and kind over the (Event, OccurredAt)
/// index); no audit row is loaded. What each kind means:
/// successful = <see cref="AuditEvents.SignInCompleted"/> (with or without a second factor);
/// failed password = <see cref="AuditEvents.LoginPassword"/> failures (unknown emails included);
/// failed second factor = <see cref="AuditEvents.LoginSecondFactor"/> failures (any method, replays included);
/// locked = <see cref="AuditEvents.LockedOut"/> (a login or a re-verification that hit the lockout).
/// </summary>
public sealed class SignInActivity(PortalDbContext db, TimeProvider time)
{
    public const int DefaultDays = 30;

    public async Task<SignInActivityFigures> ReadAsync(TimeZoneInfo zone, int days = DefaultDays, CancellationToken ct = default)
    {
        var (localDays, boundaries) = LocalDays.Last(days, time.GetUtcNow(), zone);
        var from = boundaries[0];
        var until = boundaries[^1];
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Event == AuditEvents.SignInCompleted || e.Event == AuditEvents.LoginPassword
                || e.Event == AuditEvents.LoginSecondFactor || e.Event == AuditEvents.LockedOut)
            .Where(e => e.OccurredAt >= from && e.OccurredAt < until)
            .Select(DayAndKind(boundaries))
            .GroupBy(x => new { x.Day, x.Kind })
            .Select(g => new { g.Key.Day, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);

        int Count(int day, SignInKind kind) => rows.Where(r => r.Day == day && r.Kind == (int)kind).Sum(r => r.Count);
        return new SignInActivityFigures(localDays.Select((day, i) => new SignInDay(day,
            Count(i, SignInKind.Succeeded),
            Count(i, SignInKind.FailedPassword),
            Count(i, SignInKind.FailedSecondFactor),
            Count(i, SignInKind.Locked))).ToList());
    }

    private enum SignInKind
    {
        Succeeded = 0,
        FailedPassword = 1,
        FailedSecondFactor = 2,
        Locked = 3,
    }

    private sealed class DayKind
    {
        public int Day { get; init; }

        /// <summary>A <see cref="SignInKind"/>, or -1 for a row that is none (a passed password step).</summary>
        public int Kind { get; init; }
    }

    /// <summary>
    /// e => (index of the local day e falls in, kind). The day is a binary search over the day boundaries written
    /// as nested CASE, so each row costs about five comparisons, and it stays right across DST changes.
    /// </summary>
    private static Expression<Func<AuditEvent, DayKind>> DayAndKind(IReadOnlyList<DateTimeOffset> boundaries)
    {
        var e = Expression.Parameter(typeof(AuditEvent), "e");
        var occurredAt = Expression.Property(e, nameof(AuditEvent.OccurredAt));
        Expression DayBetween(int first, int last)
        {
            if (first == last)
            {
                return Expression.Constant(first);
            }
            var middle = (first + last + 1) / 2;
            return Expression.Condition(
                Expression.LessThan(occurredAt, Expression.Constant(boundaries[middle])),
                DayBetween(first, middle - 1), DayBetween(middle, last));
        }

        Expression<Func<AuditEvent, int>> kind = x =>
            x.Event == AuditEvents.SignInCompleted ? (int)SignInKind.Succeeded
            : x.Event == AuditEvents.LoginPassword && x.Outcome == AuditOutcome.Failure ? (int)SignInKind.FailedPassword
            : x.Event == AuditEvents.LoginSecondFactor && x.Outcome == AuditOutcome.Failure ? (int)SignInKind.FailedSecondFactor
            : x.Event == AuditEvents.LockedOut ? (int)SignInKind.Locked
            : -1;
        var kindBody = new ParameterSwap(kind.Parameters[0], e).Visit(kind.Body);
        return Expression.Lambda<Func<AuditEvent, DayKind>>(
            Expression.MemberInit(Expression.New(typeof(DayKind)),
                Expression.Bind(typeof(DayKind).GetProperty(nameof(DayKind.Day))!, DayBetween(0, boundaries.Count - 2)),
                Expression.Bind(typeof(DayKind).GetProperty(nameof(DayKind.Kind))!, kindBody)), e);
    }
}

/// <summary>Sign-ins per local day, oldest first, today last.</summary>
public sealed record SignInActivityFigures(IReadOnlyList<SignInDay> Days)
{
    public int Succeeded => Days.Sum(d => d.Succeeded);
    public int FailedPassword => Days.Sum(d => d.FailedPassword);
    public int FailedSecondFactor => Days.Sum(d => d.FailedSecondFactor);
    public int Locked => Days.Sum(d => d.Locked);
}

public sealed record SignInDay(DateOnly Day, int Succeeded, int FailedPassword, int FailedSecondFactor, int Locked);
