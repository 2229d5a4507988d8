using Lucy.Portal.Core.Phones;

namespace Lucy.Portal.Tests.Account;

public class PhoneNumberParserTests
{
    [Theory]
    [InlineData("CH", "079 123 45 67", "+41791234567", 41, "CH")]
    [InlineData("CH", "+41 79 123 45 67", "+41791234567", 41, "CH")]
    [InlineData("US", "(201) 555-0123", "+12015550123", 1, "US")]
    [InlineData("DE", "0151 23456789", "+4915123456789", 49, "DE")]
    [InlineData("ch", "0041791234567", "+41791234567", 41, "CH")]
    public void A_valid_mobile_becomes_E164_with_its_calling_code_and_region(string region, string typed, string e164, int callingCode, string expectedRegion)
    {
        var check = PhoneNumberParser.Check(region, typed);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(e164, check.E164);
        Assert.Equal(callingCode, check.CallingCode);
        Assert.Equal(expectedRegion, check.Region);
    }

    [Fact]
    public void A_number_with_its_own_prefix_keeps_the_region_it_belongs_to()
    {
        var check = PhoneNumberParser.Check("CH", "+49 151 23456789");

        Assert.Equal("+4915123456789", check.E164);
        Assert.Equal("DE", check.Region);
        Assert.Equal(49, check.CallingCode);
    }

    [Fact]
    public void A_swiss_landline_is_refused_as_not_a_mobile()
    {
        var check = PhoneNumberParser.Check("CH", "044 668 18 00");

        Assert.False(check.IsValid);
        Assert.Contains("landline", check.Error);
        Assert.Null(check.E164);
    }

    [Fact]
    public void A_german_landline_is_refused()
    {
        Assert.Contains("landline", PhoneNumberParser.Check("DE", "030 123456").Error);
    }

    [Theory]
    [InlineData("CH", "079 12")]
    [InlineData("US", "20155")]
    public void A_number_that_is_too_short_says_so(string region, string typed)
    {
        Assert.Equal("This number is too short.", PhoneNumberParser.Check(region, typed).Error);
    }

    [Fact]
    public void A_number_that_is_not_valid_in_the_country_is_refused()
    {
        var check = PhoneNumberParser.Check("CH", "099 123 45 67");

        Assert.False(check.IsValid);
        Assert.Contains("not a valid number in Switzerland", check.Error);
    }

    [Fact]
    public void Letters_are_not_a_phone_number()
    {
        Assert.Equal("This is not a phone number.", PhoneNumberParser.Check("CH", "call me").Error);
    }

    [Fact]
    public void An_empty_number_asks_for_one()
    {
        Assert.Equal("Enter your mobile number.", PhoneNumberParser.Check("CH", "  ").Error);
    }

    [Fact]
    public void A_missing_or_unknown_country_is_an_error_about_the_country()
    {
        foreach (var region in new[] { null, "", "XX" })
        {
            var check = PhoneNumberParser.Check(region, "079 123 45 67");
            Assert.True(check.ErrorIsAboutCountry);
            Assert.Equal("Choose your country.", check.Error);
        }
    }
}
