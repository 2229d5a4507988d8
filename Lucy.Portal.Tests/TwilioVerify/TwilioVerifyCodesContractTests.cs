using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Tests.Fakes;

namespace Lucy.Portal.Tests.TwilioVerify;

public class TwilioVerifyCodesContractTests(FakeTwilioVerifyServerFixture fixture) : TwilioVerifyContractTestBase(fixture)
{
    [Fact]
    public async Task Send_by_sms_posts_pascal_case_form_fields_and_reports_sent_with_the_verification_sid()
    {
        var result = await Host.Codes.SendAsync(Phone, CodeChannel.Sms, locale: "de");

        Assert.Equal(TwilioVerifyStatus.Sent, result.Status);
        Assert.StartsWith("VE", result.Value, StringComparison.Ordinal);
        Assert.Equal(TwilioVerifyMessages.Sent(CodeChannel.Sms), result.Message);
        var request = Assert.Single(Server.Requests);
        Assert.Equal($"/v2/Services/{FakeTwilioVerifyServer.DefaultServiceSid}/Verifications", request.Path);
        Assert.Equal((Phone, "sms", "de"), (request.Field("To"), request.Field("Channel"), request.Field("Locale")));
        var sent = Assert.Single(Server.Outbox);
        Assert.Equal((Phone, "sms", result.Value), (sent.To, sent.Channel, sent.VerificationSid));
    }

    [Fact]
    public async Task Send_by_call_asks_for_the_call_channel()
    {
        var result = await Host.Codes.SendAsync(Phone, CodeChannel.Call);

        Assert.Equal(TwilioVerifyStatus.Sent, result.Status);
        Assert.Equal("call", Assert.Single(Server.Outbox).Channel);
        Assert.Null(Assert.Single(Server.Requests).Field("Locale"));
    }

    [Fact]
    public async Task The_right_code_is_approved_and_a_second_check_finds_no_verification()
    {
        await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        var code = Server.LastCodeTo(Phone);

        var first = await Host.Codes.CheckAsync(Phone, code);
        var second = await Host.Codes.CheckAsync(Phone, code);

        Assert.Equal(TwilioVerifyStatus.Approved, first.Status);
        Assert.True(first.Succeeded);
        Assert.Equal(TwilioVerifyStatus.NotFound, second.Status);
        Assert.Equal(20404, second.ErrorCode);
        var check = Server.RequestsTo(FakeVerifyEndpoint.VerificationCheck)[0];
        Assert.Equal((Phone, code), (check.Field("To"), check.Field("Code")));
    }

    [Fact]
    public async Task A_wrong_code_is_reported_as_wrong_and_the_right_one_still_works_afterwards()
    {
        await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        var code = Server.LastCodeTo(Phone);
        var wrong = code == "000000" ? "111111" : "000000";

        var result = await Host.Codes.CheckAsync(Phone, wrong);

        Assert.Equal(TwilioVerifyStatus.WrongCode, result.Status);
        Assert.Equal(TwilioVerifyMessages.WrongCode, result.Message);
        Assert.Equal(TwilioVerifyStatus.Approved, (await Host.Codes.CheckAsync(Phone, code)).Status);
    }

    [Fact]
    public async Task A_resend_within_ten_minutes_delivers_the_same_code()
    {
        var first = await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        Server.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await Host.Codes.SendAsync(Phone, CodeChannel.Call);

        Assert.Equal(first.Value, second.Value);
        Assert.Single(Server.Outbox.Select(s => s.Code).Distinct());
        Assert.Equal(2, Server.Outbox.Count);
    }

    [Fact]
    public async Task A_code_checked_after_ten_minutes_has_expired()
    {
        await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        Server.Time.Advance(FakeTwilioVerifyServer.VerificationLifetime);

        var result = await Host.Codes.CheckAsync(Phone, Server.LastCodeTo(Phone));

        Assert.Equal(TwilioVerifyStatus.NotFound, result.Status);
        Assert.Equal(TwilioVerifyMessages.NotFound, result.Message);
    }

    [Fact]
    public async Task The_sixth_send_of_a_verification_is_refused_with_60203()
    {
        for (var i = 0; i < FakeTwilioVerifyServer.MaxSends; i++)
        {
            Assert.Equal(TwilioVerifyStatus.Sent, (await Host.Codes.SendAsync(Phone, CodeChannel.Sms)).Status);
        }

        var result = await Host.Codes.SendAsync(Phone, CodeChannel.Sms);

        Assert.Equal(TwilioVerifyStatus.MaxSendAttempts, result.Status);
        Assert.Equal((60203, 429, false), (result.ErrorCode, result.HttpStatus, result.IsTransient));
        Assert.Equal(FakeTwilioVerifyServer.MaxSends + 1, Server.RequestsTo(FakeVerifyEndpoint.Verifications).Count);
    }

    [Fact]
    public async Task The_sixth_check_is_refused_with_60202_even_with_the_right_code()
    {
        await Host.Codes.SendAsync(Phone, CodeChannel.Sms);
        var code = Server.LastCodeTo(Phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < FakeTwilioVerifyServer.MaxChecks; i++)
        {
            Assert.Equal(TwilioVerifyStatus.WrongCode, (await Host.Codes.CheckAsync(Phone, wrong)).Status);
        }

        var result = await Host.Codes.CheckAsync(Phone, code);

        Assert.Equal(TwilioVerifyStatus.MaxCheckAttempts, result.Status);
        Assert.Equal((60202, 429), (result.ErrorCode, result.HttpStatus));
        Assert.Equal(FakeTwilioVerifyServer.MaxChecks + 1, Server.RequestsTo(FakeVerifyEndpoint.VerificationCheck).Count);
    }

    [Fact]
    public async Task A_number_Twilio_refuses_is_reported_as_an_invalid_phone()
    {
        var result = await Host.Codes.SendAsync(FakeTwilioVerifyServer.InvalidNumber, CodeChannel.Sms);

        Assert.Equal(TwilioVerifyStatus.InvalidPhone, result.Status);
        Assert.Equal(21211, result.ErrorCode);
        Assert.Empty(Server.Outbox);
    }

    [Theory]
    [InlineData("0791234567")]
    [InlineData("+0791234567")]
    [InlineData("+41 79 123 45 67")]
    [InlineData("")]
    public async Task A_number_not_in_E164_is_refused_without_asking_Twilio(string phone)
    {
        var result = await Host.Codes.SendAsync(phone, CodeChannel.Sms);

        Assert.Equal(TwilioVerifyStatus.InvalidPhone, result.Status);
        Assert.Empty(Server.Requests);
    }

    [Theory]
    [InlineData("12a456")]
    [InlineData("123")]
    [InlineData("")]
    public async Task A_malformed_code_is_wrong_without_spending_one_of_the_five_checks(string code)
    {
        await Host.Codes.SendAsync(Phone, CodeChannel.Sms);

        var result = await Host.Codes.CheckAsync(Phone, code);

        Assert.Equal(TwilioVerifyStatus.WrongCode, result.Status);
        Assert.Empty(Server.RequestsTo(FakeVerifyEndpoint.VerificationCheck));
    }

    [Fact]
    public async Task Checking_a_number_that_was_never_sent_a_code_is_not_found()
    {
        var result = await Host.Codes.CheckAsync(Phone, "123456");

        Assert.Equal(TwilioVerifyStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task The_service_probe_returns_the_friendly_name()
    {
        var result = await Host.Probe.GetServiceAsync();

        Assert.Equal(TwilioVerifyStatus.Ok, result.Status);
        Assert.Equal(new TwilioVerifyServiceInfo(FakeTwilioVerifyServer.DefaultServiceSid, FakeTwilioVerifyServer.DefaultFriendlyName), result.Value);
        Assert.Equal($"/v2/Services/{FakeTwilioVerifyServer.DefaultServiceSid}", Assert.Single(Server.Requests).Path);
    }
}
