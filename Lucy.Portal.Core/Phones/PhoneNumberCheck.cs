namespace Lucy.Portal.Core.Phones;

/// <summary>The outcome of checking a typed phone number: the number in E.164 with its calling code and region, or a message for the field.</summary>
public sealed record PhoneNumberCheck
{
    public bool IsValid => Error is null;

    /// <summary>"+41791234567"; set when valid.</summary>
    public string? E164 { get; init; }

    public int? CallingCode { get; init; }

    public string? Region { get; init; }

    /// <summary>What to show next to the field; null when valid.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the error concerns the country picker rather than the number field.</summary>
    public bool ErrorIsAboutCountry { get; init; }

    public static PhoneNumberCheck Invalid(string error, bool aboutCountry = false) => new() { Error = error, ErrorIsAboutCountry = aboutCountry };
}
