using Lucy.Portal.Core.Authy;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

public class AuthyVerifyContractTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    [Fact]
    public async Task Verify_returns_valid_for_the_current_token_although_success_is_a_string()
    {
        var user = Server.SeedUser(hasApp: true);

        var result = await Host.Verifier.VerifyAsync(user.Id, Server.CurrentTokenFor(user.Id));

        Assert.Equal(AuthyStatus.Ok, result.Status);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Verify_returns_invalid_when_authy_answers_60020()
    {
        var user = Server.SeedUser(hasApp: true);

        var result = await Host.Verifier.VerifyAsync(user.Id, "0000000");

        Assert.Equal(AuthyStatus.TokenInvalid, result.Status);
        Assert.Equal("60020", result.ErrorCode);
        Assert.Equal(401, result.HttpStatus);
        Assert.False(result.IsTransient);
    }

    [Fact]
    public async Task Verify_returns_reused_when_authy_answers_60019()
    {
        var user = Server.SeedUser(hasApp: true);
        var token = Server.CurrentTokenFor(user.Id);
        await Host.Verifier.VerifyAsync(user.Id, token);

        var result = await Host.Verifier.VerifyAsync(user.Id, token);

        Assert.Equal(AuthyStatus.TokenReused, result.Status);
        Assert.Equal("60019", result.ErrorCode);
        Assert.Equal(AuthyMessages.TokenReused, result.Message);
    }

    [Fact]
    public async Task Verify_always_sends_force_true_so_a_half_registered_user_is_not_waved_through()
    {
        var user = Server.SeedUser(hasApp: false, confirmed: false);

        var result = await Host.Verifier.VerifyAsync(user.Id, "1234567");

        Assert.Equal(AuthyStatus.TokenInvalid, result.Status);
        Assert.Equal("true", Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.Verify)).Query("force"));
    }

    [Fact]
    public async Task Verify_keeps_leading_zeros_of_the_token()
    {
        var user = Server.SeedUser(hasApp: true);

        await Host.Verifier.VerifyAsync(user.Id, "0012345");

        Assert.Equal($"/protected/json/verify/0012345/{user.Id}", Assert.Single(Server.Requests).Path);
    }

    [Fact]
    public async Task Verify_is_not_valid_when_a_200_does_not_say_token_is_valid()
    {
        var user = Server.SeedUser(hasApp: true);
        Server.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.Respond(200, """{"success":"true","message":"Token is valid."}"""));

        var result = await Host.Verifier.VerifyAsync(user.Id, Server.CurrentTokenFor(user.Id));

        Assert.Equal(AuthyStatus.TokenInvalid, result.Status);
    }

    [Fact]
    public async Task Verify_reads_a_401_without_code_but_token_is_invalid_as_an_invalid_token_not_a_bad_key()
    {
        var user = Server.SeedUser(hasApp: true);
        Server.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.Respond(401, FakeAuthyBodies.TokenInvalidWithoutCode()));

        var result = await Host.Verifier.VerifyAsync(user.Id, "1234567");

        Assert.Equal(AuthyStatus.TokenInvalid, result.Status);
    }

    [Fact]
    public async Task Verify_returns_user_not_found_when_authy_answers_60026()
    {
        var result = await Host.Verifier.VerifyAsync("999999", "1234567");

        Assert.Equal(AuthyStatus.UserNotFound, result.Status);
        Assert.Equal("60026", result.ErrorCode);
        Assert.Equal(404, result.HttpStatus);
    }

    [Fact]
    public async Task Verify_returns_invalid_key_when_authy_answers_60001()
    {
        var user = Server.SeedUser(hasApp: true);
        Server.ApiKey = "a-different-key";

        var result = await Host.Verifier.VerifyAsync(user.Id, Server.CurrentTokenFor(user.Id));

        Assert.Equal(AuthyStatus.InvalidKey, result.Status);
        Assert.Equal("60001", result.ErrorCode);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345678901")]
    [InlineData("12a4567")]
    [InlineData("")]
    [InlineData("123 456")]
    public async Task Verify_refuses_a_malformed_token_without_calling_authy(string token)
    {
        var user = Server.SeedUser(hasApp: true);

        var result = await Host.Verifier.VerifyAsync(user.Id, token);

        Assert.Equal(AuthyStatus.TokenInvalid, result.Status);
        Assert.Empty(Server.Requests);
    }

    [Theory]
    [InlineData("12/34")]
    [InlineData("../app/details")]
    [InlineData("")]
    public async Task Verify_refuses_a_non_numeric_authy_id_without_calling_authy(string authyId)
    {
        var result = await Host.Verifier.VerifyAsync(authyId, "1234567");

        Assert.Equal(AuthyStatus.UserNotFound, result.Status);
        Assert.Empty(Server.Requests);
    }
}
