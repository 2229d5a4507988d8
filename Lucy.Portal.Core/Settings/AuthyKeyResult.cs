namespace Lucy.Portal.Core.Settings;

/// <summary>What happened to a candidate Authy key.</summary>
public enum AuthyKeyOutcome
{
    /// <summary>Authy accepted the key; it is stored and Authy is the provider in use.</summary>
    Saved,
    /// <summary>The key is empty or malformed; Authy was not asked.</summary>
    InvalidFormat,
    /// <summary>Authy refused the key; the previous setting is kept.</summary>
    InvalidKey,
    /// <summary>Authy could not be asked; the previous setting is kept.</summary>
    Unavailable,
}

/// <summary>The outcome of setting an Authy key, with the application's details when Authy accepted it.</summary>
public sealed record AuthyKeyResult(AuthyKeyOutcome Outcome, string Message)
{
    public string? ApplicationName { get; init; }
    public bool SmsEnabled { get; init; }
    public bool VoiceEnabled { get; init; }
    public bool OneTouchEnabled { get; init; }
    /// <summary>The stored key as the UI may show it, e.g. "••••••••1234".</summary>
    public string? MaskedKey { get; init; }

    public bool Succeeded => Outcome == AuthyKeyOutcome.Saved;
}
