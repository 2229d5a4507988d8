using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Accounts;

/// <summary>Lists the portal's accounts and lets an administrator add one.</summary>
public sealed class UserDirectory(
    PortalDbContext db,
    UserManager<PortalUser> users,
    AuditLog audit,
    TimeProvider time)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = await (
            from user in db.Users.AsNoTracking()
            let roleName = (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where userRole.UserId == user.Id
                select role.Name).FirstOrDefault()
            select new
            {
                user.Id,
                user.Email,
                Role = roleName,
                user.TwoFactorEnabled,
                user.LockoutEnd,
                user.MustChangePassword,
                user.CreatedAt,
            }).ToListAsync(ct);

        return rows
            .Select(r => new UserSummary(
                r.Id,
                r.Email ?? "",
                r.Role ?? PortalRoles.User,
                r.TwoFactorEnabled,
                r.LockoutEnd > now ? r.LockoutEnd : null,
                r.MustChangePassword,
                r.CreatedAt))
            .OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>An administrator ends a user's lockout (including the permanent one after 100 failures in a row).</summary>
    public async Task<AccountResult> UnlockAsync(string userId, string actorId, CancellationToken ct = default)
    {
        if (await users.FindByIdAsync(userId) is not { } user || users is not PortalUserManager portalUsers)
        {
            return AccountResult.Failed(AccountStrings.User_NoLongerExists);
        }
        var unlocked = await portalUsers.UnlockAsync(user);
        if (unlocked.Succeeded)
        {
            await audit.WriteAsync(new AuditEntry(AuditEvents.UserUnlocked, AuditOutcome.Success) { ActorId = actorId, SubjectId = user.Id }, ct);
        }
        return AccountResult.From(unlocked);
    }

    public async Task<AccountResult> CreateAsync(NewUser request, string actorId, CancellationToken ct = default)
    {
        if (!PortalRoles.All.Contains(request.Role))
        {
            return AccountResult.Failed(AccountStrings.User_UnknownRole(request.Role));
        }
        if (await users.FindByEmailAsync(request.Email) is not null)
        {
            return AccountResult.Failed(AccountStrings.User_EmailTaken);
        }

        var user = new PortalUser
        {
            UserName = request.Email,
            Email = request.Email,
            EmailConfirmed = true,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.InitialPassword);
        if (!created.Succeeded)
        {
            return AccountResult.From(created);
        }
        var role = await users.AddToRoleAsync(user, request.Role);
        if (!role.Succeeded)
        {
            await users.DeleteAsync(user);
            return AccountResult.From(role);
        }

        await audit.WriteAsync(new AuditEntry(AuditEvents.UserCreated, AuditOutcome.Success)
        {
            ActorId = actorId,
            SubjectId = user.Id,
            Detail = $"{request.Email} as {request.Role}",
        }, ct);
        return AccountResult.Success;
    }
}

/// <summary>What an administrator fills in to add a user.</summary>
public sealed record NewUser(string Email, string Role, string InitialPassword);
