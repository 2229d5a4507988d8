using System.Text;
using Lucy.Portal.Core.TwoFactor;

namespace Lucy.Portal.Tests.Core.TwoFactor;

public class TotpAlgorithmTests
{
    // RFC 6238 Appendix B, SHA1 seed; the 6-digit forms of the 8-digit vectors.
    private static readonly byte[] RfcSeed = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Codes_match_the_RFC_6238_SHA1_vectors(long unixSeconds, string expected)
    {
        var step = TotpAlgorithm.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, TotpAlgorithm.Compute(RfcSeed, step));
    }

    [Fact]
    public void RFC_seed_encodes_to_its_known_Base32_form()
    {
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.Encode(RfcSeed));
    }

    [Fact]
    public void Base32_decoding_ignores_case_spaces_and_padding()
    {
        Assert.Equal(RfcSeed, Base32.Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        Assert.Equal([0xff], Base32.Decode("74======"));
        Assert.Null(Base32.Decode("GEZ1"));
    }

    [Theory]
    [InlineData("287082")]
    [InlineData("287 082")]
    [InlineData(" 287-082 ")]
    public void A_code_typed_with_a_space_or_dash_matches(string typed)
    {
        var step = TotpAlgorithm.StepAt(DateTimeOffset.FromUnixTimeSeconds(59));

        Assert.Equal(step, TotpAlgorithm.MatchStep(RfcSeed, typed, step));
    }

    [Theory]
    [InlineData("")]
    [InlineData("28708")]
    [InlineData("2870820")]
    [InlineData("28708x")]
    [InlineData("２８７０８２")]
    public void Input_that_is_not_six_ASCII_digits_matches_nothing(string typed)
    {
        var step = TotpAlgorithm.StepAt(DateTimeOffset.FromUnixTimeSeconds(59));

        Assert.Null(TotpAlgorithm.MatchStep(RfcSeed, typed, step));
    }
}
