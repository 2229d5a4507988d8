using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.TwoFactor;

/// <summary>
/// Facts about a user's second factors kept on the user row, so the dashboard and the 2FA policy's counts read one
/// index of the user table instead of probing the factor tables once per user (bench/README.md, "Dashboard
/// queries"). The normalised tables stay the truth; these follow them, changed only here and always in the same
/// transaction as the change they follow (<see cref="RecoveryCodeStore"/>, <see cref="AuthenticatorEnrollment"/>).
/// </summary>
/// <remarks>
/// Shadow columns that EF never writes from a tracked user: a live circuit keeps its DbContext (and its copy of the
/// user) for hours, and Identity's UpdateAsync marks every property modified, so a tracked value would write a stale
/// count back. Statements here adjust the row in place instead (a used code decrements what is stored now).
/// </remarks>
public static class UserFactorCounters
{
    /// <summary>How many of the user's recovery codes are unused.</summary>
    public const string UnusedRecoveryCodes = nameof(UnusedRecoveryCodes);

    /// <summary>The user has a confirmed built-in authenticator seed (an AuthenticatorKeys row with a ProtectedSeed).</summary>
    public const string AuthenticatorConfirmed = nameof(AuthenticatorConfirmed);

    /// <summary>Runs <paramref name="change"/> in a transaction (the caller's if one is open), so a change and its counter commit together.</summary>
    public static async Task<T> InTransactionAsync<T>(PortalDbContext db, Func<Task<T>> change, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await change();
        }
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await change();
            await transaction.CommitAsync(ct);
            return result;
        });
    }

    /// <summary>The user's recovery codes were replaced by (or reduced to) <paramref name="unused"/> unused codes.</summary>
    public static Task RecoveryCodesSetAsync(PortalDbContext db, string userId, int unused, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => EF.Property<int>(u, UnusedRecoveryCodes), unused), ct);

    /// <summary>One of the user's codes was just marked used: one fewer than the row holds now (whatever another scope did meanwhile).</summary>
    public static Task RecoveryCodeUsedAsync(PortalDbContext db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId && EF.Property<int>(u, UnusedRecoveryCodes) > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(
                u => EF.Property<int>(u, UnusedRecoveryCodes), u => EF.Property<int>(u, UnusedRecoveryCodes) - 1), ct);

    /// <summary>The user's built-in authenticator was confirmed (true) or removed (false).</summary>
    public static Task AuthenticatorSetAsync(PortalDbContext db, string userId, bool confirmed, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => EF.Property<bool>(u, AuthenticatorConfirmed), confirmed), ct);
}

/// <summary>
/// Fills the counters of existing users from the normalised tables, in the migration that adds them (DashboardCounters):
/// one statement per provider, run before the indexes over them are built.
/// </summary>
public static class UserFactorCounterBackfill
{
    public const string Sqlite =
        """
        UPDATE "AspNetUsers" SET
          "UnusedRecoveryCodes" = (SELECT COUNT(*) FROM "RecoveryCodes" AS c WHERE c."UserId" = "AspNetUsers"."Id" AND c."UsedAt" IS NULL),
          "AuthenticatorConfirmed" = EXISTS (SELECT 1 FROM "AuthenticatorKeys" AS k WHERE k."UserId" = "AspNetUsers"."Id" AND k."ProtectedSeed" IS NOT NULL);
        """;

    public const string SqlServer =
        """
        UPDATE u SET
          [UnusedRecoveryCodes] = (SELECT COUNT(*) FROM [RecoveryCodes] AS c WHERE c.[UserId] = u.[Id] AND c.[UsedAt] IS NULL),
          [AuthenticatorConfirmed] = CASE WHEN EXISTS (SELECT 1 FROM [AuthenticatorKeys] AS k WHERE k.[UserId] = u.[Id] AND k.[ProtectedSeed] IS NOT NULL) THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END
        FROM [AspNetUsers] AS u;
        """;
}

/// <summary>Maps the counters as columns of AspNetUsers that inserts and tracked updates leave alone.</summary>
internal sealed class UserFactorCounterConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> user) => Map(user);

    /// <summary>Declares the columns; safe to call again (an index over them must see them declared first).</summary>
    internal static void Map(EntityTypeBuilder<PortalUser> user)
    {
        Owned(user.Property<int>(UserFactorCounters.UnusedRecoveryCodes).HasDefaultValue(0));
        Owned(user.Property<bool>(UserFactorCounters.AuthenticatorConfirmed).HasDefaultValue(false));
    }

    private static void Owned(PropertyBuilder property)
    {
        property.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        property.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}
