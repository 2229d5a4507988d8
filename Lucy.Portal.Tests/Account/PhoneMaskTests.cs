using Lucy.Portal.Core.Phones;

namespace Lucy.Portal.Tests.Account;

public class PhoneMaskTests
{
    [Fact]
    public void A_number_shows_only_its_calling_code_and_last_two_digits()
    {
        Assert.Equal("+41 •••• ••67", PhoneMask.Mask("+41791234567", 41));
    }

    [Fact]
    public void No_number_is_shown_as_none()
    {
        Assert.Equal("(none)", PhoneMask.Mask(null, null));
    }
}
