using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace Lucy.Portal.Core.Administration;

/// <summary>
/// The administrators' user list, one page at a time: each row with its 2FA methods, recovery codes left, last sign-in
/// and lockout, all in one SQL query (correlated subqueries on indexed user ids), so a page costs the same with
/// ten users or a hundred thousand.
/// </summary>
public sealed class UserList(PortalDbContext db, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public async Task<UserPage> GetPageAsync(UserListQuery query, CancellationToken ct = default)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.EmailContains))
        {
            var search = query.EmailContains.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail != null && u.NormalizedEmail.Contains(search));
        }
        var total = await users.CountAsync(ct);
        var take = Math.Clamp(query.Take, 1, MaxPageSize);
        var rows = await (
            from user in users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id).Skip(Math.Max(0, query.Skip)).Take(take)
            select new
            {
                user.Id,
                user.Email,
                Role = (
                    from userRole in db.UserRoles
                    join role in db.Roles on userRole.RoleId equals role.Id
                    where userRole.UserId == user.Id
                    select role.Name).FirstOrDefault(),
                user.TwoFactorEnabled,
                Authenticator = db.Set<AuthenticatorKey>().Any(k => k.UserId == user.Id && k.ProtectedSeed != null),
                user.AuthyId,
                user.TwoFactorViaTwilioVerify,
                Passkey = db.UserPasskeys.Any(p => p.UserId == user.Id),
                RecoveryCodesLeft = db.Set<RecoveryCode>().Count(c => c.UserId == user.Id && c.UsedAt == null),
                LastSignIn = db.Set<UserSession>().Where(s => s.UserId == user.Id)
                    .OrderByDescending(s => s.CreatedAt).Select(s => (DateTimeOffset?)s.CreatedAt).FirstOrDefault(),
                user.LockoutEnd,
                user.MustChangePassword,
                user.CreatedAt,
            }).ToListAsync(ct);

        var now = time.GetUtcNow();
        var summaries = rows.Select(r => new UserListRow(
            r.Id,
            r.Email ?? "",
            r.Role ?? PortalRoles.User,
            r.TwoFactorEnabled,
            Methods(r.Passkey, r.Authenticator, r.AuthyId, r.TwoFactorViaTwilioVerify),
            r.RecoveryCodesLeft,
            r.LastSignIn,
            r.LockoutEnd > now ? r.LockoutEnd : null,
            r.MustChangePassword,
            r.CreatedAt)).ToList();
        return new UserPage(summaries, total);
    }

    private static List<EnrollmentMethod> Methods(bool passkey, bool authenticator, string? authyId, bool twilioVerify)
    {
        var methods = new List<EnrollmentMethod>(4);
        if (passkey)
        {
            methods.Add(EnrollmentMethod.Passkey);
        }
        if (authenticator)
        {
            methods.Add(EnrollmentMethod.BuiltInAuthenticator);
        }
        if (!string.IsNullOrEmpty(authyId))
        {
            methods.Add(EnrollmentMethod.Authy);
        }
        if (twilioVerify)
        {
            methods.Add(EnrollmentMethod.TwilioVerify);
        }
        return methods;
    }
}

/// <summary>Which page of the user list, optionally only emails containing <see cref="EmailContains"/>.</summary>
public sealed record UserListQuery(int Skip, int Take, string? EmailContains = null);

public sealed record UserPage(IReadOnlyList<UserListRow> Users, int Total);

/// <summary>One row of the administrators' user list.</summary>
/// <param name="TwoFactorMethods">The confirmed second factors (a confirmed key counts even while 2FA is off).</param>
/// <param name="LastSignInAt">When the user's latest session started; null when they never signed in.</param>
public sealed record UserListRow(
    string Id,
    string Email,
    string Role,
    bool TwoFactorEnabled,
    IReadOnlyList<EnrollmentMethod> TwoFactorMethods,
    int RecoveryCodesLeft,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedOutUntil,
    bool MustChangePassword,
    DateTimeOffset CreatedAt);
