using Lucy.Portal.Core.Phones;

namespace Lucy.Portal.Tests.Account;

public class PhoneCountriesTests
{
    [Fact]
    public void Switzerland_shows_its_name_and_calling_code()
    {
        Assert.Equal("Switzerland (+41)", PhoneCountries.Find("CH")!.Display);
    }

    [Fact]
    public void Every_supported_region_is_listed_once_sorted_by_name()
    {
        var all = PhoneCountries.All;

        Assert.True(all.Count > 200);
        Assert.Equal(all.Count, all.Select(c => c.Region).Distinct().Count());
        Assert.Equal(all.Select(c => c.Name).Order(StringComparer.OrdinalIgnoreCase), all.Select(c => c.Name));
    }

    [Theory]
    [InlineData("switz", "CH")]
    [InlineData("+41", "CH")]
    [InlineData("de", "DE")]
    public void Search_finds_a_country_by_name_calling_code_or_region(string text, string region)
    {
        Assert.Contains(PhoneCountries.Search(text), c => c.Region == region);
    }
}
