using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Tests.Core;

public class PasswordPolicyTests
{
    [Fact]
    public void Policy_is_length_based_with_no_composition_rules()
    {
        var options = new PasswordOptions();

        PasswordPolicy.Apply(options);

        Assert.Equal(12, options.RequiredLength);
        Assert.False(options.RequireDigit);
        Assert.False(options.RequireUppercase);
        Assert.False(options.RequireLowercase);
        Assert.False(options.RequireNonAlphanumeric);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(256, true)]
    [InlineData(257, false)]
    public async Task Long_passphrases_are_accepted_up_to_the_cap(int length, bool accepted)
    {
        var validator = new MaximumLengthPasswordValidator();

        var result = await validator.ValidateAsync(null!, new PortalUser(), new string('a', length));

        Assert.Equal(accepted, result.Succeeded);
    }
}
