using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.KeyProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Core.Data;

/// <summary>Brings the database up to date at start-up: migrations, keys encrypted at rest, roles and, when configured, the first administrator.</summary>
public sealed class DatabaseInitializer(
    PortalDbContext db,
    RoleManager<IdentityRole> roles,
    FirstAdministratorSetup setup,
    KeyRingEncryption keyRing,
    IOptions<FirstAdministratorOptions> firstAdministrator,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        await keyRing.EncryptStoredKeysAsync(ct);

        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var configured = firstAdministrator.Value;
        if (configured.IsSupplied && await setup.IsRequiredAsync())
        {
            var result = await setup.CreateAsync(configured.Email!, configured.Password!, ipAddress: null, ct);
            // Another instance starting on the same database may have created it first; that is no failure.
            if (!result.Succeeded && await setup.IsRequiredAsync())
            {
                throw new InvalidOperationException(
                    "The first administrator from configuration could not be created: " + string.Join(" ", result.Errors));
            }
            if (result.Succeeded)
            {
                logger.LogInformation("Created the first administrator {Email} from configuration.", configured.Email);
            }
        }
    }
}
