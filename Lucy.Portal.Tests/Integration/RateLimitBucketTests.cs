using System.Net;
using Lucy.Portal.Extensions;

namespace Lucy.Portal.Tests.Integration;

public class RateLimitBucketTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void An_address_counts_against_its_own_ipv4_address_or_its_ipv6_64(string address, string bucket) =>
        Assert.Equal(bucket, SignInRateLimits.BucketOf(IPAddress.Parse(address)));

    [Fact]
    public void A_request_without_an_address_counts_against_one_shared_bucket() =>
        Assert.Equal("unknown", SignInRateLimits.BucketOf(null));
}
