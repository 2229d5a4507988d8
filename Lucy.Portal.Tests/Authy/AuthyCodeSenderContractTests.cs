using Lucy.Portal.Core.Authy;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

public class AuthyCodeSenderContractTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    [Fact]
    public async Task Sms_is_sent_once_with_force_true_even_to_an_app_user()
    {
        var user = Server.SeedUser(hasApp: true);

        var result = await Host.Sender.SendSmsAsync(user.Id);

        Assert.Equal(AuthyStatus.Ok, result.Status);
        Assert.Contains(user.MaskedPhone, result.Message, StringComparison.Ordinal);
        var sent = Assert.Single(Server.Outbox);
        Assert.Equal(("sms", user.Id, true), (sent.Channel, sent.AuthyId, sent.Forced));
        Assert.Equal("true", Assert.Single(Server.Requests).Query("force"));
    }

    [Fact]
    public async Task Sms_code_verifies_like_a_token()
    {
        var user = Server.SeedUser();
        await Host.Sender.SendSmsAsync(user.Id);

        var result = await Host.Verifier.VerifyAsync(user.Id, Server.Outbox[0].Code);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Sms_returns_ignored_when_authy_answers_200_with_ignored_true()
    {
        var user = Server.SeedUser(hasApp: true);
        Server.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Respond(200, FakeAuthyBodies.SmsIgnored(user.MaskedPhone)));

        var result = await Host.Sender.SendSmsAsync(user.Id);

        Assert.Equal(AuthyStatus.Ignored, result.Status);
        Assert.False(result.Succeeded);
        Assert.Equal(AuthyMessages.Ignored, result.Message);
    }

    [Fact]
    public async Task Call_is_started_once_with_force_true()
    {
        var user = Server.SeedUser(hasApp: true);

        var result = await Host.Sender.StartCallAsync(user.Id);

        Assert.Equal(AuthyStatus.Ok, result.Status);
        Assert.Equal("call", Assert.Single(Server.Outbox).Channel);
        Assert.Equal("true", Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.Call)).Query("force"));
    }

    [Fact]
    public async Task Call_returns_ignored_when_authy_answers_200_with_ignored_true()
    {
        var user = Server.SeedUser(hasApp: true);
        Server.SetFault(FakeAuthyEndpoint.Call, FakeAuthyFault.Respond(200, FakeAuthyBodies.CallIgnored(user.MaskedPhone)));

        var result = await Host.Sender.StartCallAsync(user.Id);

        Assert.Equal(AuthyStatus.Ignored, result.Status);
    }

    [Fact]
    public async Task Sms_passes_the_locale_and_never_an_action()
    {
        var user = Server.SeedUser();

        await Host.Sender.SendSmsAsync(user.Id, new AuthyCodeRequestOptions("es"));

        var request = Assert.Single(Server.Requests);
        Assert.Equal(("es", null, null), (request.Query("locale"), request.Query("action"), request.Query("action_message")));
        Assert.Null(Server.Outbox[0].Action);
    }

    [Fact]
    public async Task Call_code_verifies_like_a_token()
    {
        var user = Server.SeedUser(hasApp: true, confirmed: true);
        await Host.Sender.StartCallAsync(user.Id);

        var result = await Host.Verifier.VerifyAsync(user.Id, Assert.Single(Server.Outbox).Code);

        Assert.Equal(AuthyStatus.Ok, result.Status);
        Assert.Null(Assert.Single(Server.RequestsTo(FakeAuthyEndpoint.Verify)).Query("action"));
    }

    [Theory]
    [InlineData("60009", AuthyStatus.QuotaReached)]
    [InlineData("60010", AuthyStatus.QuotaReached)]
    [InlineData("60007", AuthyStatus.FeatureDisabled)]
    [InlineData("60082", AuthyStatus.InvalidPhone)]
    public async Task Sms_maps_authy_refusals_to_typed_results(string code, AuthyStatus expected)
    {
        var user = Server.SeedUser();
        Server.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Respond(400, FakeAuthyBodies.Error(code, "Refused")));

        var result = await Host.Sender.SendSmsAsync(user.Id);

        Assert.Equal(expected, result.Status);
        Assert.Equal(code, result.ErrorCode);
    }

    [Fact]
    public async Task Sms_to_an_unknown_user_returns_user_not_found()
    {
        var result = await Host.Sender.SendSmsAsync("424242");

        Assert.Equal(AuthyStatus.UserNotFound, result.Status);
        Assert.Empty(Server.Outbox);
    }
}
