using System.Globalization;
using PhoneNumbers;

namespace Lucy.Portal.Core.Phones;

/// <summary>Every region libphonenumber supports, with its English name and calling code, sorted by name.</summary>
public static class PhoneCountries
{
    private static readonly Lazy<List<PhoneCountry>> Countries = new(Load);

    public static IReadOnlyList<PhoneCountry> All => Countries.Value;

    /// <summary>The country for an ISO region code ("ch" or "CH"), or null when libphonenumber does not know it.</summary>
    public static PhoneCountry? Find(string? region) =>
        region is null ? null : All.FirstOrDefault(c => string.Equals(c.Region, region, StringComparison.OrdinalIgnoreCase));

    /// <summary>Countries whose name, region code or calling code contains <paramref name="text"/>; all of them when it is empty.</summary>
    public static IEnumerable<PhoneCountry> Search(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return All;
        }
        var term = text.Trim().TrimStart('+');
        return All.Where(c =>
            c.Display.Contains(term, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.Region, term, StringComparison.OrdinalIgnoreCase));
    }

    private static List<PhoneCountry> Load()
    {
        var util = PhoneNumberUtil.GetInstance();
        return util.GetSupportedRegions()
            .Select(region => new PhoneCountry(region, NameOf(region), util.GetCountryCodeForRegion(region)))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static string NameOf(string region)
    {
        try
        {
            return new RegionInfo(region).EnglishName;
        }
        catch (ArgumentException)
        {
            // Without ICU data (invariant globalization) or for regions .NET does not know, the code is still a usable label.
            return region;
        }
    }
}
