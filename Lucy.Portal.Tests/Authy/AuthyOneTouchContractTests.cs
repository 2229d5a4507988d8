using Lucy.Portal.Core.Authy;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

public class AuthyOneTouchContractTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    private static readonly AuthyApprovalRequest Login = new("Sign in to Lucy", new Dictionary<string, string> { ["IP"] = "203.0.113.7" });

    [Fact]
    public async Task Create_sends_message_details_and_an_explicit_seconds_to_expire()
    {
        var user = Server.SeedUser(hasApp: true);

        var result = await Host.OneTouch.CreateApprovalRequestAsync(user.Id, Login);

        Assert.Equal(AuthyStatus.Ok, result.Status);
        var request = Assert.Single(Server.OneTouchRequests);
        Assert.Equal(result.Value, request.Uuid);
        Assert.Equal(("Sign in to Lucy", 120, "203.0.113.7"), (request.Message, request.SecondsToExpire, request.Details["IP"]));
    }

    [Theory]
    [InlineData("approve", AuthyApprovalStatus.Approved)]
    [InlineData("deny", AuthyApprovalStatus.Denied)]
    [InlineData("expire", AuthyApprovalStatus.Expired)]
    [InlineData("nothing", AuthyApprovalStatus.Pending)]
    public async Task Poll_reports_what_the_user_did_on_the_phone(string action, AuthyApprovalStatus expected)
    {
        var user = Server.SeedUser(hasApp: true);
        var uuid = (await Host.OneTouch.CreateApprovalRequestAsync(user.Id, Login)).Value!;
        switch (action)
        {
            case "approve": Server.Approve(uuid); break;
            case "deny": Server.Deny(uuid); break;
            case "expire": Server.Expire(uuid); break;
        }

        var result = await Host.OneTouch.GetApprovalStatusAsync(uuid);

        Assert.Equal(expected, result.Value);
    }

    [Fact]
    public async Task Poll_of_an_unknown_request_returns_not_found_60049()
    {
        var result = await Host.OneTouch.GetApprovalStatusAsync(Guid.NewGuid().ToString());

        Assert.Equal(AuthyStatus.NotFound, result.Status);
        Assert.Equal("60049", result.ErrorCode);
    }

    [Fact]
    public async Task Create_for_a_user_without_the_app_returns_feature_disabled()
    {
        var user = Server.SeedUser(hasApp: false);

        var result = await Host.OneTouch.CreateApprovalRequestAsync(user.Id, Login);

        Assert.Equal(AuthyStatus.FeatureDisabled, result.Status);
        Assert.Equal("60050", result.ErrorCode);
    }
}
