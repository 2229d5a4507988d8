using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lucy.Portal.Core.Accounts;

/// <summary>
/// The one row that says first-run setup happened. Its key is fixed, so however many instances race the setup
/// form, the database accepts exactly one insert; the administrator is created in the same transaction.
/// </summary>
public sealed class SetupCompletion
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public DateTimeOffset CompletedAt { get; set; }
    public required string AdministratorEmail { get; set; }
}

internal sealed class SetupCompletionConfiguration : IEntityTypeConfiguration<SetupCompletion>
{
    public void Configure(EntityTypeBuilder<SetupCompletion> setup)
    {
        setup.ToTable("SetupCompletion");
        setup.HasKey(s => s.Id);
        setup.Property(s => s.Id).ValueGeneratedNever();
        setup.Property(s => s.AdministratorEmail).HasMaxLength(256);
    }
}
