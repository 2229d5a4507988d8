namespace Lucy.Portal.Core.Settings;

/// <summary>What happened to candidate Twilio Verify credentials.</summary>
public enum TwilioVerifySettingsOutcome
{
    /// <summary>Twilio accepted them; they are stored and Twilio Verify is the provider in use.</summary>
    Saved,
    /// <summary>A value is empty or malformed; Twilio was not asked. See <see cref="TwilioVerifySettingsResult.Errors"/>.</summary>
    InvalidFormat,
    /// <summary>Twilio refused the Account SID / Auth Token; the previous setting is kept.</summary>
    InvalidCredentials,
    /// <summary>The account has no Verify Service with that SID; the previous setting is kept.</summary>
    ServiceNotFound,
    /// <summary>Twilio could not be asked; the previous setting is kept.</summary>
    Unavailable,
}

/// <summary>The outcome of saving Twilio Verify credentials, with the Service's friendly name when Twilio accepted them.</summary>
public sealed record TwilioVerifySettingsResult(TwilioVerifySettingsOutcome Outcome, string Message)
{
    /// <summary>Field-level messages when the format was wrong (fields from <see cref="SettingsFields"/>).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>The Verify Service's friendly name, e.g. "Lucy Portal".</summary>
    public string? ServiceName { get; init; }

    /// <summary>The stored Auth Token as the UI may show it, e.g. "••••••••abcd".</summary>
    public string? MaskedAuthToken { get; init; }

    public bool Succeeded => Outcome == TwilioVerifySettingsOutcome.Saved;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}
