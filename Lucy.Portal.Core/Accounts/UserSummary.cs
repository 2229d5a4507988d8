namespace Lucy.Portal.Core.Accounts;

/// <summary>One row of the administrators' user list.</summary>
public sealed record UserSummary(
    string Id,
    string Email,
    string Role,
    bool TwoFactorEnabled,
    DateTimeOffset? LockedOutUntil,
    bool MustChangePassword,
    DateTimeOffset CreatedAt);
