using Lucy.Portal.Core.TwilioVerify;
using Lucy.Portal.Core.TwilioVerify.Contract;

namespace Lucy.Portal.Tests.TwilioVerify;

public class TwilioVerifyErrorMappingTests
{
    [Theory]
    [InlineData(401, 20003, TwilioVerifyStatus.InvalidCredentials, false)]
    [InlineData(404, 20404, TwilioVerifyStatus.NotFound, false)]
    [InlineData(429, 60203, TwilioVerifyStatus.MaxSendAttempts, false)]
    [InlineData(429, 60202, TwilioVerifyStatus.MaxCheckAttempts, false)]
    [InlineData(400, 60200, TwilioVerifyStatus.InvalidPhone, false)]
    [InlineData(400, 21211, TwilioVerifyStatus.InvalidPhone, false)]
    [InlineData(429, 20429, TwilioVerifyStatus.Throttled, true)]
    [InlineData(503, 20503, TwilioVerifyStatus.Unavailable, true)]
    [InlineData(400, 99999, TwilioVerifyStatus.Rejected, false)]
    public void The_error_code_decides_the_status(int httpStatus, int code, TwilioVerifyStatus expected, bool transient)
    {
        var result = TwilioVerifyErrorMapping.Map(httpStatus, new TwilioErrorResponse { Code = code, Status = httpStatus });

        Assert.Equal((expected, transient, code, httpStatus), (result.Status, result.IsTransient, result.ErrorCode, result.HttpStatus));
    }

    [Theory]
    [InlineData(401, TwilioVerifyStatus.InvalidCredentials)]
    [InlineData(404, TwilioVerifyStatus.NotFound)]
    [InlineData(429, TwilioVerifyStatus.Throttled)]
    [InlineData(500, TwilioVerifyStatus.Unavailable)]
    [InlineData(502, TwilioVerifyStatus.Unavailable)]
    [InlineData(400, TwilioVerifyStatus.Rejected)]
    public void Without_a_body_the_http_status_decides(int httpStatus, TwilioVerifyStatus expected)
    {
        Assert.Equal(expected, TwilioVerifyErrorMapping.Map(httpStatus, null).Status);
    }

    [Fact]
    public void A_throttled_answer_says_how_long_to_wait()
    {
        var result = TwilioVerifyErrorMapping.Map(429, null, TimeSpan.FromSeconds(12));

        Assert.Equal("Too many attempts. Try again in 12 seconds.", result.Message);
    }

    [Fact]
    public void A_code_sent_as_a_string_is_read_too()
    {
        var body = System.Text.Json.JsonSerializer.Deserialize<TwilioErrorResponse>("""{"code":"60203","message":"Max send attempts reached","status":429}""");

        Assert.Equal(TwilioVerifyStatus.MaxSendAttempts, TwilioVerifyErrorMapping.Map(429, body).Status);
    }
}
