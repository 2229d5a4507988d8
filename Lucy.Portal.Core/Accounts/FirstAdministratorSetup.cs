using Lucy.Portal.Core.Auditing;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.Accounts;

/// <summary>Creates the first administrator on a fresh install, exactly once.</summary>
public sealed class FirstAdministratorSetup(
    UserManager<PortalUser> users,
    AdministratorPresence presence,
    AuditLog audit,
    TimeProvider time)
{
    // Two browsers submitting the setup form at the same moment must not both create an administrator.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<bool> IsRequiredAsync() => !await presence.ExistsAsync();

    public async Task<AccountResult> CreateAsync(string email, string password, string? ipAddress, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (await presence.ExistsAsync())
            {
                return AccountResult.Failed("The portal already has an administrator.");
            }

            var user = new PortalUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                CreatedAt = time.GetUtcNow(),
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return AccountResult.From(created);
            }
            var role = await users.AddToRoleAsync(user, PortalRoles.Administrator);
            if (!role.Succeeded)
            {
                await users.DeleteAsync(user);
                return AccountResult.From(role);
            }

            presence.MarkExists();
            await audit.WriteAsync(new AuditEntry(AuditEvents.FirstAdministratorCreated, AuditOutcome.Success)
            {
                ActorId = user.Id,
                ActorEmail = email,
                IpAddress = ipAddress,
            }, ct);
            return AccountResult.Success;
        }
        finally
        {
            Gate.Release();
        }
    }
}
