using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Tests.Core.TwoFactor;

public class OneTimeCodeFormatTests
{
    [Theory]
    [InlineData("123456")]
    [InlineData("123 456")]
    [InlineData("123-456")]
    [InlineData(" 12 34 56 ")]
    [InlineData("123\t456")]
    public void An_authenticator_code_with_spaces_or_dashes_normalizes_to_its_six_digits(string typed)
    {
        Assert.Equal("123456", OneTimeCodeFormat.Normalize(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("123.456")]
    [InlineData("12a456")]
    public void Anything_but_six_digits_is_not_an_authenticator_code(string? typed)
    {
        Assert.Null(OneTimeCodeFormat.Normalize(typed));
    }

    [Fact]
    public void Separators_are_stripped_and_nothing_else()
    {
        Assert.Equal("ABCDEFGH23", OneTimeCodeFormat.StripSeparators(" ABCDE - FGH23 "));
        Assert.Equal("", OneTimeCodeFormat.StripSeparators(null));
    }

    [Fact]
    public void A_code_field_has_room_for_the_longest_code_with_a_separator_between_every_digit()
    {
        Assert.True(OneTimeCodeFormat.MaxTypedLength >= "1 2 3 4 5 6 7 8 9 0".Length);
        Assert.True(OneTimeCodeFormat.MaxTypedLength >= "ABCDE - FGH23".Length);
    }
}
