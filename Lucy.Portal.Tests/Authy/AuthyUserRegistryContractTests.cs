using Lucy.Portal.Core.Authy;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.Authy;

public class AuthyUserRegistryContractTests(FakeAuthyServerFixture fixture) : AuthyContractTestBase(fixture)
{
    [Fact]
    public async Task Register_returns_the_authy_id_and_sends_the_documented_form_fields()
    {
        var result = await Host.Users.RegisterAsync(new AuthyUserRegistration("ana@example.test", "+57", "300 123-4567"));

        Assert.Equal(AuthyStatus.Ok, result.Status);
        Assert.True(AuthyInput.IsAuthyId(result.Value));
        var form = Assert.Single(Server.Requests).Form;
        Assert.Equal("ana@example.test", form["user[email]"]);
        Assert.Equal("3001234567", form["user[cellphone]"]);
        Assert.Equal("57", form["user[country_code]"]);
        Assert.Equal("false", form["send_install_link_via_sms"]);
    }

    [Fact]
    public async Task Register_the_same_phone_with_another_email_returns_the_same_authy_id()
    {
        var first = await Host.Users.RegisterAsync(new AuthyUserRegistration("ana@example.test", "1", "5550001111"));
        var second = await Host.Users.RegisterAsync(new AuthyUserRegistration("bob@example.test", "1", "5550001111"));

        Assert.Equal(first.Value, second.Value);
        Assert.Equal(["ana@example.test", "bob@example.test"], Server.User(first.Value!)!.Emails);
    }

    [Fact]
    public async Task Register_returns_invalid_phone_when_authy_refuses_the_cellphone_with_60027()
    {
        var result = await Host.Users.RegisterAsync(new AuthyUserRegistration("ana@example.test", "1", "55512"));

        Assert.Equal(AuthyStatus.InvalidPhone, result.Status);
        Assert.Equal("60027", result.ErrorCode);
    }

    [Fact]
    public async Task Register_returns_invalid_phone_when_authy_answers_60033()
    {
        Server.SetFault(FakeAuthyEndpoint.RegisterUser, FakeAuthyFault.Respond(400, FakeAuthyBodies.Error("60033", "Phone number is invalid")));

        var result = await Host.Users.RegisterAsync(new AuthyUserRegistration("ana@example.test", "1", "5550001111"));

        Assert.Equal(AuthyStatus.InvalidPhone, result.Status);
    }

    [Theory]
    [InlineData("ana@example.test", "1", "abc")]
    [InlineData("ana@example.test", "12345", "5550001111")]
    [InlineData("not-an-email", "1", "5550001111")]
    public async Task Register_refuses_bad_input_without_calling_authy(string email, string countryCode, string cellphone)
    {
        var result = await Host.Users.RegisterAsync(new AuthyUserRegistration(email, countryCode, cellphone));

        Assert.False(result.Succeeded);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Status_reports_confirmed_and_registered()
    {
        var user = Server.SeedUser(hasApp: true, confirmed: true);

        var result = await Host.Users.GetStatusAsync(user.Id);

        Assert.Equal(AuthyStatus.Ok, result.Status);
        Assert.True(result.Value!.Confirmed);
        Assert.True(result.Value.Registered);
        Assert.Equal(user.Id, result.Value.AuthyId);
    }

    [Fact]
    public async Task Remove_deletes_the_user_and_a_second_remove_says_not_found()
    {
        var user = Server.SeedUser();

        var first = await Host.Users.RemoveAsync(user.Id);
        var second = await Host.Users.RemoveAsync(user.Id);

        Assert.Equal(AuthyStatus.Ok, first.Status);
        Assert.Equal(AuthyStatus.UserNotFound, second.Status);
        Assert.Equal("/protected/json/users/" + user.Id + "/remove", Server.Requests[0].Path);
    }

    [Fact]
    public async Task Qr_code_returns_the_url_authy_gives()
    {
        var user = Server.SeedUser();

        var result = await Host.Users.RequestQrCodeAsync(user.Id, "Lucy (ana@example.test)");

        Assert.Equal(AuthyStatus.Ok, result.Status);
        Assert.EndsWith($"/qr/{user.Id}.png", result.Value, StringComparison.Ordinal);
        Assert.Equal("Lucy (ana@example.test)", Server.Requests[0].Form["label"]);
    }

    [Fact]
    public async Task App_details_map_name_and_capabilities()
    {
        Server.AppName = "Lucy Prod";
        Server.SmsEnabled = false;

        var result = await Host.Application.GetDetailsAsync();

        Assert.Equal(new AuthyAppDetails("Lucy Prod", "pay_as_you_go", false, true, true), result.Value);
    }
}
