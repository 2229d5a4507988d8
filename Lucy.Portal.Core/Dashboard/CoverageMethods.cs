using System.Linq.Expressions;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Resources;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Dashboard;

/// <summary>
/// One second factor as the dashboard counts it: its name (a stable key, in English), the label users read (in the
/// current UI culture) and how SQL tells that a user has it.
/// </summary>
public sealed record CoverageMethod(string Name, Func<string> Label, Func<PortalDbContext, Expression<Func<PortalUser, bool>>> IsEnrolled);

/// <summary>
/// The methods the coverage figures are split by. A new method is one line here. Order matters: a user with two
/// methods counts under the first, as <see cref="TwoFactorAccountService.ConfirmedMethodAsync"/> decides.
/// </summary>
public static class CoverageMethods
{
    public static IReadOnlyList<CoverageMethod> All { get; } =
    [
        // Kept on the user row (UserFactorCounters): a probe of AuthenticatorKeys per user was most of this query's time.
        new("Authenticator app", () => DashboardStrings.Coverage_Authenticator, _ => user => EF.Property<bool>(user, UserFactorCounters.AuthenticatorConfirmed)),
        new("Authy", () => "Authy", _ => user => user.AuthyId != null && user.AuthyId != ""),
        new("Twilio Verify", () => "Twilio Verify", _ => user => user.TwoFactorViaTwilioVerify),
        // Probed only for users none of the above covers (SQL's CASE stops at the first match).
        new("Passkey", () => DashboardStrings.Coverage_Passkey, db => user => db.UserPasskeys.Any(p => p.UserId == user.Id)),
    ];

    /// <summary>The name shown for users with 2FA on whose method none of the above recognises.</summary>
    public const string Unknown = "Other";

    /// <summary>
    /// user => index of the first method the user has in <paramref name="methods"/>, or -1: one CASE expression, so
    /// the split is a single GROUP BY in SQL.
    /// </summary>
    public static Expression<Func<PortalUser, int>> IndexOf(PortalDbContext db, IReadOnlyList<CoverageMethod> methods)
    {
        var user = Expression.Parameter(typeof(PortalUser), "user");
        Expression body = Expression.Constant(-1);
        for (var i = methods.Count - 1; i >= 0; i--)
        {
            var test = methods[i].IsEnrolled(db);
            body = Expression.Condition(new ParameterSwap(test.Parameters[0], user).Visit(test.Body), Expression.Constant(i), body);
        }
        return Expression.Lambda<Func<PortalUser, int>>(body, user);
    }
}
