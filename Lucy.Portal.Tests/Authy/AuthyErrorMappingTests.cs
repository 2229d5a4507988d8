using System.Text.Json;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Authy.Contract;

namespace Lucy.Portal.Tests.Authy;

public class AuthyErrorMappingTests
{
    [Theory]
    [InlineData(401, "60001", AuthyStatus.InvalidKey, false)]
    [InlineData(401, "60020", AuthyStatus.TokenInvalid, false)]
    [InlineData(401, "60019", AuthyStatus.TokenReused, false)]
    [InlineData(404, "60026", AuthyStatus.UserNotFound, false)]
    [InlineData(404, "60016", AuthyStatus.UserNotFound, false)]
    [InlineData(429, "60003", AuthyStatus.Throttled, true)]
    [InlineData(400, "60009", AuthyStatus.QuotaReached, false)]
    [InlineData(400, "60012", AuthyStatus.QuotaReached, false)]
    [InlineData(400, "60033", AuthyStatus.InvalidPhone, false)]
    [InlineData(400, "60038", AuthyStatus.InvalidRequest, false)]
    [InlineData(503, "60006", AuthyStatus.FeatureDisabled, false)]
    [InlineData(404, "60049", AuthyStatus.NotFound, false)]
    [InlineData(500, "60054", AuthyStatus.Rejected, true)]
    [InlineData(400, "60999", AuthyStatus.InvalidRequest, false)]
    [InlineData(503, null, AuthyStatus.Throttled, true)]
    [InlineData(429, null, AuthyStatus.Throttled, true)]
    [InlineData(502, null, AuthyStatus.Unavailable, true)]
    [InlineData(401, null, AuthyStatus.InvalidKey, false)]
    public void Map_turns_status_and_error_code_into_a_typed_result(int status, string? code, AuthyStatus expected, bool transient)
    {
        var body = code is null ? null : new AuthyEnvelope { Success = false, ErrorCode = code, Message = "x" };

        var result = AuthyErrorMapping.Map(status, body);

        Assert.Equal((expected, transient, status, code), (result.Status, result.IsTransient, result.HttpStatus, result.ErrorCode));
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Theory]
    [InlineData("""{"success":"true","error_code":60020}""", true, "60020")]
    [InlineData("""{"success":"false","error_code":"60001"}""", false, "60001")]
    [InlineData("""{"success":true}""", true, null)]
    [InlineData("""{"success":false,"error_code":"060019"}""", false, "060019")]
    public void Envelope_reads_success_as_bool_or_string_and_error_code_as_a_string(string json, bool success, string? code)
    {
        var envelope = JsonSerializer.Deserialize<AuthyEnvelope>(json)!;

        Assert.Equal((success, code), (envelope.Success, envelope.ErrorCode));
    }

    [Fact]
    public void Register_answer_keeps_a_numeric_authy_id_as_digits()
    {
        var body = JsonSerializer.Deserialize<AuthyRegisterUserResponse>("""{"message":"User created successfully.","user":{"id":1635},"success":true}""")!;

        Assert.Equal("1635", body.User!.Id);
    }
}
