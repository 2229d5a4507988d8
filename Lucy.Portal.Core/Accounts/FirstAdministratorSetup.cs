using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Accounts;

/// <summary>Creates the first administrator on a fresh install, exactly once, however many instances share the database.</summary>
public sealed class FirstAdministratorSetup(
    PortalDbContext db,
    UserManager<PortalUser> users,
    AdministratorPresence presence,
    AuditLog audit,
    TimeProvider time)
{
    public static string AlreadyDoneMessage => AccountStrings.Setup_AlreadyDone;

    public async Task<bool> IsRequiredAsync() => !await presence.ExistsAsync();

    public async Task<AccountResult> CreateAsync(string email, string password, string? ipAddress, CancellationToken ct = default)
    {
        if (await presence.ExistsAsync())
        {
            return AccountResult.Failed(AlreadyDoneMessage);
        }

        // SQL Server's retrying strategy only allows a transaction it can replay as a whole.
        var (result, administratorId) = await db.Database.CreateExecutionStrategy().ExecuteAsync(() => CreateOnceAsync(email, password, ct));
        if (!result.Succeeded)
        {
            return result;
        }

        presence.MarkExists();
        await audit.WriteAsync(new AuditEntry(AuditEvents.FirstAdministratorCreated, AuditOutcome.Success)
        {
            ActorId = administratorId,
            ActorEmail = email,
            IpAddress = ipAddress,
        }, ct);
        return AccountResult.Success;
    }

    // The completion row goes in first: its fixed key lets one transaction through and makes every other one
    // (in this process or another) fail in the database, before it creates anybody.
    private async Task<(AccountResult Result, string? AdministratorId)> CreateOnceAsync(string email, string password, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TryClaimCompletionAsync(email, ct))
        {
            return (AccountResult.Failed(AlreadyDoneMessage), null);
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        var result = created.Succeeded ? await users.AddToRoleAsync(user, PortalRoles.Administrator) : created;
        if (!result.Succeeded)
        {
            // Rolled back with the completion row, so setup stays open for a corrected form.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return (AccountResult.From(result), null);
        }
        await transaction.CommitAsync(ct);
        return (AccountResult.Success, user.Id);
    }

    private async Task<bool> TryClaimCompletionAsync(string email, CancellationToken ct)
    {
        db.Add(new SetupCompletion { CompletedAt = time.GetUtcNow(), AdministratorEmail = email });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Set<SetupCompletion>().AsNoTracking().AnyAsync(ct))
            {
                return false;
            }
            throw;
        }
    }
}
