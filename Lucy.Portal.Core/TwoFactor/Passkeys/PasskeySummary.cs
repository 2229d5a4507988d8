namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>One of a user's passkeys as the Account page lists it; <see cref="Id"/> is the credential id in base64url.</summary>
public sealed record PasskeySummary(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
