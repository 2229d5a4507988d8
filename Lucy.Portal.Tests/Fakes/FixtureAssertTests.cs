using Xunit.Sdk;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>The fixture comparison the contract tests rely on really fails when an answer strays from the fixture.</summary>
public class FixtureAssertTests
{
    [Fact]
    public void Success_as_a_boolean_does_not_match_success_as_the_string_true()
    {
        Assert.Throws<TrueException>(() => FixtureAssert.Matches("""{"success":"true"}""", """{"success":true}"""));
    }

    [Fact]
    public void An_error_code_as_a_number_does_not_match_the_documented_string()
    {
        Assert.Throws<TrueException>(() => FixtureAssert.Matches("""{"error_code":"60020"}""", """{"error_code":60020}"""));
    }

    [Fact]
    public void A_missing_property_fails_and_an_extra_one_fails_only_when_exact()
    {
        Assert.Throws<TrueException>(() => FixtureAssert.Matches("""{"ignored":true,"success":true}""", """{"success":true}"""));
        FixtureAssert.Matches("""{"success":true}""", """{"success":true,"ignored":true}""");
        Assert.Throws<TrueException>(() => FixtureAssert.Exactly("""{"success":true}""", """{"success":true,"ignored":true}"""));
    }

    [Fact]
    public void Text_ending_in_an_ellipsis_matches_by_its_beginning_only()
    {
        FixtureAssert.Matches("""{"message":"Ignored: SMS is not needed ..."}""", """{"message":"Ignored: SMS is not needed for smartphones."}""");
        FixtureAssert.Matches("""{"email":"…"}""", """{"email":"ana@example.test"}""");
        Assert.Throws<TrueException>(() => FixtureAssert.Matches("""{"message":"Call started..."}""", """{"message":"Call failed"}"""));
    }

    [Fact]
    public void Varying_values_need_only_the_same_kind()
    {
        FixtureAssert.Exactly("""{"user":{"id":1635}}""", """{"user":{"id":1701}}""", "user.id");
        Assert.Throws<TrueException>(() => FixtureAssert.Exactly("""{"user":{"id":1635}}""", """{"user":{"id":"1701"}}""", "user.id"));
    }
}
