using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// The fake Twilio Verify held to Verify v2's documented behaviour (docs/authy-contract.md, "Twilio Verify v2"), over
/// raw HTTP with a plain HttpClient. Bodies are quoted from Twilio's API reference and error pages; "…" stands for
/// text or sids the reference leaves to the server.
/// </summary>
public class FakeTwilioVerifyContractTests(FakeTwilioVerifyServerFixture fixture) : IClassFixture<FakeTwilioVerifyServerFixture>, IDisposable
{
    private const string To = "+15017122661";
    private const string Service = FakeTwilioVerifyServer.DefaultServiceSid;

    private readonly FakeTwilioVerifyServer _server = Reset(fixture.Server);
    private readonly HttpClient _http = new() { BaseAddress = fixture.Server.BaseAddress };

    [Fact]
    public async Task Starting_a_verification_answers_201_pending_with_a_VE_sid()
    {
        using var response = await StartAsync("sms");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyAsync(response);
        FixtureAssert.Matches(
            $$"""{"sid":"VE…","service_sid":"{{Service}}","account_sid":"{{FakeTwilioVerifyServer.DefaultAccountSid}}","to":"+15017122661","channel":"sms","status":"pending","valid":false}""",
            body);
        Assert.Matches("^VE[0-9a-f]{32}$", JsonNode.Parse(body)!["sid"]!.GetValue<string>());
        Assert.Matches("^[0-9]{6}$", Assert.Single(_server.Outbox).Code);
    }

    [Theory]
    [InlineData("sms", "de")]
    [InlineData("sms", "fr")]
    [InlineData("call", "it")]
    [InlineData("call", "en")]
    public async Task Starting_with_a_listed_locale_sends_the_code_and_records_the_locale(string channel, string locale)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/Verifications", Form(("To", To), ("Channel", channel), ("Locale", locale)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((channel, locale), (Assert.Single(_server.Outbox).Channel, _server.Outbox[0].Locale));
    }

    [Theory]
    [InlineData("de-CH")]
    [InlineData("DE")]
    [InlineData("fr_FR")]
    [InlineData("")]
    public async Task Starting_with_an_unlisted_locale_answers_404_20404_and_sends_nothing(string locale)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/Verifications", Form(("To", To), ("Channel", "sms"), ("Locale", locale)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        FixtureAssert.Matches("""{"code":20404,"message":"…","more_info":"https://www.twilio.com/docs/errors/20404","status":404}""", await BodyAsync(response));
        Assert.Empty(_server.Outbox);
    }

    [Fact]
    public async Task Checking_the_right_code_answers_200_approved_and_valid()
    {
        using var started = await StartAsync("sms");

        using var response = await CheckAsync(_server.LastCodeTo(To));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Matches("""{"sid":"VE…","to":"+15017122661","channel":"sms","status":"approved","valid":true}""", await BodyAsync(response));
    }

    [Fact]
    public async Task Checking_a_wrong_code_answers_200_still_pending_and_not_valid()
    {
        using var started = await StartAsync("sms");

        using var response = await CheckAsync(WrongCode());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Matches("""{"status":"pending","valid":false}""", await BodyAsync(response));
    }

    [Fact]
    public async Task Checking_again_after_approval_answers_404_20404()
    {
        using var started = await StartAsync("sms");
        var code = _server.LastCodeTo(To);
        using var approved = await CheckAsync(code);

        using var again = await CheckAsync(code);

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        FixtureAssert.Exactly(
            $$"""{"code":20404,"message":"The requested resource /Services/{{Service}}/VerificationCheck was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}""",
            await BodyAsync(again));
    }

    [Fact]
    public async Task Fetching_a_verification_answers_pending_while_it_lives_and_404_once_approved()
    {
        using var started = await StartAsync("sms");
        var sid = await SidAsync(started);
        using var pending = await SendAsync(HttpMethod.Get, $"/v2/Services/{Service}/Verifications/{sid}");
        using var approved = await CheckAsync(_server.LastCodeTo(To));

        using var gone = await SendAsync(HttpMethod.Get, $"/v2/Services/{Service}/Verifications/{sid}");

        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        FixtureAssert.Matches($$"""{"sid":"{{sid}}","status":"pending"}""", await BodyAsync(pending));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(20404, (await JsonAsync(gone))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Canceling_answers_canceled_then_the_code_no_longer_works_and_a_new_send_starts_afresh()
    {
        using var started = await StartAsync("sms");
        var sid = await SidAsync(started);
        var code = _server.LastCodeTo(To);

        using var canceled = await SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/Verifications/{sid}", Form(("Status", "canceled")));
        using var check = await CheckAsync(code);
        using var restarted = await StartAsync("sms");

        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        FixtureAssert.Matches($$"""{"sid":"{{sid}}","status":"canceled","valid":false}""", await BodyAsync(canceled));
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
        Assert.NotEqual(sid, await SidAsync(restarted));
    }

    [Fact]
    public async Task Approving_by_update_answers_approved_and_ends_the_verification()
    {
        using var started = await StartAsync("sms");
        var sid = await SidAsync(started);

        using var approved = await SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/Verifications/{sid}", Form(("Status", "approved")));
        using var check = await CheckAsync(_server.LastCodeTo(To));

        FixtureAssert.Matches($$"""{"sid":"{{sid}}","status":"approved","valid":true}""", await BodyAsync(approved));
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
    }

    [Fact]
    public async Task Updating_to_any_status_but_canceled_or_approved_is_refused_with_60441()
    {
        using var started = await StartAsync("sms");

        using var response = await SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/Verifications/{await SidAsync(started)}", Form(("Status", "expired")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(60441, (await JsonAsync(response))["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_sixth_check_answers_429_60202_even_with_the_right_code_and_a_new_send_does_not_lift_it()
    {
        using var started = await StartAsync("sms");
        for (var i = 0; i < FakeTwilioVerifyServer.MaxChecks; i++)
        {
            using var wrong = await CheckAsync(WrongCode());
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var sixth = await CheckAsync(_server.LastCodeTo(To));
        using var resent = await StartAsync("sms");
        using var afterResend = await CheckAsync(_server.LastCodeTo(To));

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        FixtureAssert.Exactly(
            """{"code":60202,"message":"Max check attempts reached","more_info":"https://www.twilio.com/docs/errors/60202","status":429}""",
            await BodyAsync(sixth));
        Assert.Equal(HttpStatusCode.TooManyRequests, afterResend.StatusCode);
    }

    [Fact]
    public async Task The_sixth_send_answers_429_60203()
    {
        for (var i = 0; i < FakeTwilioVerifyServer.MaxSends; i++)
        {
            using var sent = await StartAsync(i % 2 == 0 ? "sms" : "call");
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }

        using var sixth = await StartAsync("sms");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        FixtureAssert.Exactly(
            """{"code":60203,"message":"Max send attempts reached","more_info":"https://www.twilio.com/docs/errors/60203","status":429}""",
            await BodyAsync(sixth));
        Assert.Equal(FakeTwilioVerifyServer.MaxSends, _server.Outbox.Count);
    }

    [Fact]
    public async Task A_verification_lives_ten_minutes_then_its_code_is_not_found_and_a_send_starts_a_new_one()
    {
        using var started = await StartAsync("sms");
        var sid = await SidAsync(started);
        var code = _server.LastCodeTo(To);

        _server.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        using var fetched = await SendAsync(HttpMethod.Get, $"/v2/Services/{Service}/Verifications/{sid}");
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await CheckAsync(code);
        using var restarted = await StartAsync("sms");

        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal(20404, (await JsonAsync(expired))["code"]!.GetValue<int>());
        Assert.NotEqual(sid, await SidAsync(restarted));
    }

    [Fact]
    public async Task A_code_sent_by_sms_still_approves_after_a_call_was_started_for_the_same_number()
    {
        using var sms = await StartAsync("sms");
        var smsCode = _server.LastCodeTo(To);

        using var call = await StartAsync("call");
        using var check = await CheckAsync(smsCode);

        Assert.Equal(await SidAsync(sms), await SidAsync(call));
        var callBody = await JsonAsync(call);
        Assert.Equal("call", callBody["channel"]!.GetValue<string>());
        Assert.Equal(["sms", "call"], callBody["send_code_attempts"]!.AsArray().Select(a => a!["channel"]!.GetValue<string>()));
        Assert.Equal([smsCode, smsCode], _server.Outbox.Select(s => s.Code));
        FixtureAssert.Matches("""{"status":"approved","valid":true}""", await BodyAsync(check));
    }

    [Fact]
    public async Task A_code_belongs_to_its_number_and_is_not_found_for_another()
    {
        using var started = await StartAsync("sms");

        using var other = await SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/VerificationCheck", Form(("To", "+15017122662"), ("Code", _server.LastCodeTo(To))));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task A_check_may_name_the_verification_sid_instead_of_the_number()
    {
        using var started = await StartAsync("sms");

        using var check = await SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/VerificationCheck",
            Form(("VerificationSid", await SidAsync(started)), ("Code", _server.LastCodeTo(To))));

        FixtureAssert.Matches("""{"to":"+15017122661","status":"approved","valid":true}""", await BodyAsync(check));
    }

    [Fact]
    public async Task A_number_not_in_E164_answers_400_60200()
    {
        using var response = await SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/Verifications", Form(("To", "0791234567"), ("Channel", "sms")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(60200, (await JsonAsync(response))["code"]!.GetValue<int>());
        Assert.Empty(_server.Outbox);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task Without_the_right_basic_credentials_every_endpoint_answers_401_20003(string? authToken)
    {
        string[] paths = [$"/v2/Services/{Service}", $"/v2/Services/{Service}/Verifications", $"/v2/Services/{Service}/VerificationCheck"];
        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(path.EndsWith(Service, StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post, path)
            {
                Content = Form(("To", To), ("Channel", "sms"), ("Code", "123456")),
            };
            if (authToken is not null)
            {
                request.Headers.Authorization = Basic(FakeTwilioVerifyServer.DefaultAccountSid, authToken);
            }

            using var response = await _http.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            FixtureAssert.Exactly("""{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""", await BodyAsync(response));
        }

        Assert.Empty(_server.Outbox);
    }

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }

    private static FakeTwilioVerifyServer Reset(FakeTwilioVerifyServer server)
    {
        server.Reset();
        return server;
    }

    private string WrongCode() => _server.LastCodeTo(To) == "000000" ? "111111" : "000000";

    private Task<HttpResponseMessage> StartAsync(string channel) =>
        SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/Verifications", Form(("To", To), ("Channel", channel)));

    private Task<HttpResponseMessage> CheckAsync(string code) =>
        SendAsync(HttpMethod.Post, $"/v2/Services/{Service}/VerificationCheck", Form(("To", To), ("Code", code)));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = Basic(FakeTwilioVerifyServer.DefaultAccountSid, FakeTwilioVerifyServer.DefaultAuthToken);
        return _http.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static async Task<string> SidAsync(HttpResponseMessage response) => (await JsonAsync(response))["sid"]!.GetValue<string>();

    private static Task<string> BodyAsync(HttpResponseMessage response) => response.Content.ReadAsStringAsync();

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("Empty answer.");
}
