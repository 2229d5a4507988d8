namespace Lucy.Portal.Core.Phones;

/// <summary>A region a phone number can belong to, as offered in the country picker: "Switzerland (+41)".</summary>
public sealed record PhoneCountry(string Region, string Name, int CallingCode)
{
    public string Display => $"{Name} (+{CallingCode})";

    public override string ToString() => Display;
}
