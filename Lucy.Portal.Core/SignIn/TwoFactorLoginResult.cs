using Lucy.Portal.Core.Resources;
using System.Globalization;

namespace Lucy.Portal.Core.SignIn;

public enum TwoFactorLoginStatus
{
    /// <summary>The factor was verified; <see cref="TwoFactorLoginResult.Grant"/> completes the sign-in.</summary>
    Verified,
    /// <summary>The input is not a well-formed code; nothing was checked or counted.</summary>
    Malformed,
    /// <summary>Wrong code; counted toward lockout.</summary>
    WrongCode,
    /// <summary>A code whose time step was already used; refused, audited and counted.</summary>
    Replayed,
    /// <summary>Too many failures: the account is locked until <see cref="TwoFactorLoginResult.LockedUntil"/>.</summary>
    LockedOut,
    /// <summary>The login took too long or the prompt was reused; the user starts again with the password.</summary>
    Expired,
    /// <summary>The outside provider could not answer; nothing was counted.</summary>
    ProviderUnavailable,
    /// <summary>No code is pending at the provider (expired or used): send a new one. Not counted.</summary>
    CodeExpired,
    /// <summary>The provider refused for a reason that is not a guess (too many sends or checks, throttled). Not counted.</summary>
    ProviderRefused,
    /// <summary>The user does not have this method.</summary>
    MethodNotAvailable,
}

/// <summary>The outcome of one code check at the token prompt, with the message the prompt shows.</summary>
public sealed record TwoFactorLoginResult(TwoFactorLoginStatus Status, string Message)
{
    public string? Grant { get; init; }
    public int? AttemptsLeft { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }

    public bool Succeeded => Status == TwoFactorLoginStatus.Verified;

    public static TwoFactorLoginResult Verified(string grant) => new(TwoFactorLoginStatus.Verified, SignInStrings.Login_Verified) { Grant = grant };

    public static TwoFactorLoginResult Malformed(string message) => new(TwoFactorLoginStatus.Malformed, message);

    public static TwoFactorLoginResult Expired =>
        new(TwoFactorLoginStatus.Expired, SignInStrings.Login_Expired);

    public static TwoFactorLoginResult NotAvailable =>
        new(TwoFactorLoginStatus.MethodNotAvailable, SignInStrings.Login_MethodNotAvailable);

    public static TwoFactorLoginResult Locked(DateTimeOffset? until) =>
        new(TwoFactorLoginStatus.LockedOut, until is { } end
            ? SignInStrings.Login_LockedUntil(end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
            : SignInStrings.Login_Locked)
        { LockedUntil = until };
}
