using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lucy.Portal.Core.Data;

/// <summary>
/// The portal's database. Each provider has a derived context that owns its migrations
/// (<see cref="SqlitePortalDbContext"/>, <see cref="SqlServerPortalDbContext"/>).
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        // Passkeys: Identity's schema version comes from application services, which the migrations tool lacks.
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is null)
        {
            optionsBuilder.UseApplicationServiceProvider(PortalIdentitySchema.FallbackServices);
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Each concern (settings, two-factor, ...) keeps its entity mapping next to its entity.
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

        builder.Entity<AuditEvent>(audit =>
        {
            audit.Property(e => e.Event).HasMaxLength(100);
            audit.Property(e => e.ActorId).HasMaxLength(450);
            audit.Property(e => e.ActorEmail).HasMaxLength(256);
            audit.Property(e => e.SubjectId).HasMaxLength(450);
            audit.Property(e => e.IpAddress).HasMaxLength(64);
            audit.Property(e => e.Detail).HasMaxLength(AuditEvent.MaxDetailLength);
            audit.HasIndex(e => e.OccurredAt);
        });
    }
}

/// <summary>The embedded default: one SQLite file, one instance.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset; store it as sortable binary ticks.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The production provider, used by docker-compose.</summary>
public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options);
