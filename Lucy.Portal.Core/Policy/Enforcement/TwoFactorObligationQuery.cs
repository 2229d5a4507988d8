using System.Linq.Expressions;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Dashboard;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Policy.Enforcement;

/// <summary>
/// A group of users the 2FA rules treat alike: users who hold no usable factor, administrators or not, stranded
/// (2FA on, but only a provider's factor and that provider gone) or not.
/// </summary>
public readonly record struct UserCategory(bool Administrator, bool Stranded)
{
    public static IReadOnlyList<UserCategory> All { get; } = [new(false, false), new(false, true), new(true, false), new(true, true)];
}

/// <summary>
/// Where all users stand against the 2FA policy, counted in SQL rather than user by user in memory. A user with a
/// usable factor owes nothing; every other user falls in one <see cref="UserCategory"/>, and within a category the
/// rules give everyone the same grace (<see cref="TwoFactorPolicyRules.Grace"/>, asked of a representative user),
/// so a deadline is the user's clock plus a constant and "due within a week" is a range of clock values.
/// </summary>
public sealed class TwoFactorObligationQuery(PortalDbContext db)
{
    /// <summary>The grace every user of <paramref name="category"/> has; null when no rule applies or nobody can be in it.</summary>
    public static TimeSpan? Grace(TwoFactorPolicy policy, ProviderAvailability providers, UserCategory category)
    {
        if (category.Stranded && providers.AuthyUsable && providers.TwilioVerifyUsable)
        {
            return null;
        }
        // Stranded: 2FA on with the factor of a provider that is not usable. Otherwise: no 2FA at all.
        var representative = new UserFactorFacts(
            category.Administrator,
            TwoFactorEnabled: category.Stranded,
            HasAuthenticator: false,
            HasAuthy: category.Stranded && !providers.AuthyUsable,
            HasTwilioVerify: category.Stranded && providers.AuthyUsable,
            HasPasskey: false);
        return TwoFactorPolicyRules.Grace(policy, representative, providers);
    }

    /// <summary>Users who can sign in with a second factor under <paramref name="providers"/>.</summary>
    public Expression<Func<PortalUser, bool>> HoldsUsableFactor(ProviderAvailability providers)
    {
        // The authenticator is kept on the user row (UserFactorCounters); the passkey probe comes last, so SQL runs it
        // only for users the row alone does not settle.
        Expression<Func<PortalUser, bool>> factor = u => EF.Property<bool>(u, UserFactorCounters.AuthenticatorConfirmed);
        if (providers.AuthyUsable)
        {
            factor = factor.Or(u => u.AuthyId != null && u.AuthyId != "");
        }
        if (providers.TwilioVerifyUsable)
        {
            factor = factor.Or(u => u.TwoFactorViaTwilioVerify);
        }
        factor = factor.Or(u => db.UserPasskeys.Any(p => p.UserId == u.Id));
        return UserPredicate.Of(u => u.TwoFactorEnabled).And(factor);
    }

    /// <summary>Users in any of <paramref name="categories"/>: no usable factor, and administrator and stranded as the categories say.</summary>
    public IQueryable<PortalUser> UsersIn(IReadOnlyCollection<UserCategory> categories, ProviderAvailability providers)
    {
        // With both providers usable nobody is stranded: then a role's plain users are all its users.
        var strandedPossible = !(providers.AuthyUsable && providers.TwilioVerifyUsable);
        bool Has(bool administrator, bool stranded) =>
            categories.Contains(new UserCategory(administrator, stranded))
            || (stranded && !strandedPossible && categories.Contains(new UserCategory(administrator, Stranded: false)));

        // Given no usable factor, a user with 2FA on and a provider's factor is stranded.
        var stranded = UserPredicate.Of(u => u.TwoFactorEnabled && ((u.AuthyId != null && u.AuthyId != "") || u.TwoFactorViaTwilioVerify));
        var administratorRole = PortalRoles.Administrator.ToUpperInvariant();
        var administratorRoles = db.Roles.Where(r => r.NormalizedName == administratorRole).Select(r => r.Id);
        var administratorIds = db.UserRoles.Where(ur => administratorRoles.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var administrator = UserPredicate.Of(u => administratorIds.Contains(u.Id));

        (bool Stranded, bool Plain) users = (Has(false, true), Has(false, false));
        (bool Stranded, bool Plain) administrators = (Has(true, true), Has(true, false));
        Expression<Func<PortalUser, bool>>? Of((bool Stranded, bool Plain) held) => held switch
        {
            (true, true) => UserPredicate.Of(_ => true),
            (true, false) => stranded,
            (false, true) => stranded.Not(),
            _ => null,
        };
        // The same for both roles: the role test is left out (it costs a lookup per user).
        var any = users == administrators
            ? Of(users)
            : Or(Of(users) is { } u ? administrator.Not().And(u) : null, Of(administrators) is { } a ? administrator.And(a) : null);
        if (any is null)
        {
            return db.Users.AsNoTracking().Where(_ => false);
        }
        // The category's column tests first; the usable-factor test (with its passkey probe) only for those left.
        return db.Users.AsNoTracking().Where(any).Where(HoldsUsableFactor(providers).Not());
    }

    private static Expression<Func<PortalUser, bool>>? Or(Expression<Func<PortalUser, bool>>? left, Expression<Func<PortalUser, bool>>? right) =>
        left is null ? right : right is null ? left : left.Or(right);

    /// <summary>The users with a running clock, with the moment it started; driven from the clocks (their RequiredSince index).</summary>
    public IQueryable<UserSince> WithRunningClock(IQueryable<PortalUser> users) =>
        from clock in db.Set<TwoFactorClock>()
        join user in users on clock.UserId equals user.Id
        select new UserSince { Id = clock.UserId, Email = user.Email, Since = clock.RequiredSince };

    /// <summary>The users no rule held until now: their clock would start <paramref name="now"/>.</summary>
    public IQueryable<UserSince> WithoutClock(IQueryable<PortalUser> users, DateTimeOffset now) =>
        users.Where(u => !db.Set<TwoFactorClock>().Any(c => c.UserId == u.Id))
            .Select(u => new UserSince { Id = u.Id, Email = u.Email, Since = now });

    /// <summary>Each user with the moment their clock started, or <paramref name="now"/> when no rule held them yet.</summary>
    public IQueryable<UserSince> WithClock(IQueryable<PortalUser> users, DateTimeOffset now) =>
        from user in users
        join clock in db.Set<TwoFactorClock>() on user.Id equals clock.UserId into clocks
        from clock in clocks.DefaultIfEmpty()
        select new UserSince { Id = user.Id, Email = user.Email, Since = clock == null ? now : clock.RequiredSince };
}

/// <summary>A user and when a 2FA rule first applied to them.</summary>
public sealed class UserSince
{
    public string Id { get; init; } = "";
    public string? Email { get; init; }
    public DateTimeOffset Since { get; init; }
}

/// <summary>Small predicates over users composed into one SQL condition.</summary>
internal static class UserPredicate
{
    public static Expression<Func<PortalUser, bool>> Of(Expression<Func<PortalUser, bool>> predicate) => predicate;

    public static Expression<Func<PortalUser, bool>> And(this Expression<Func<PortalUser, bool>> left, Expression<Func<PortalUser, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    public static Expression<Func<PortalUser, bool>> Or(this Expression<Func<PortalUser, bool>> left, Expression<Func<PortalUser, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    public static Expression<Func<PortalUser, bool>> Not(this Expression<Func<PortalUser, bool>> predicate) =>
        Expression.Lambda<Func<PortalUser, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    private static Expression<Func<PortalUser, bool>> Combine(
        Expression<Func<PortalUser, bool>> left, Expression<Func<PortalUser, bool>> right, Func<Expression, Expression, BinaryExpression> join)
    {
        var user = left.Parameters[0];
        return Expression.Lambda<Func<PortalUser, bool>>(join(left.Body, new ParameterSwap(right.Parameters[0], user).Visit(right.Body)), user);
    }
}
