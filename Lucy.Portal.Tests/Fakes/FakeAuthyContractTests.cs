using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Fakes;

/// <summary>
/// The fake Authy held to the contract, row by row and quirk by quirk (docs/authy-contract.md), over raw HTTP with a
/// plain HttpClient: nothing of the portal's client is involved, so the fake cannot share the portal's reading.
/// Fixture bodies are quoted from the contract; "…" stands for text the fixture leaves out.
/// </summary>
public class FakeAuthyContractTests(FakeAuthyServerFixture fixture) : IClassFixture<FakeAuthyServerFixture>, IDisposable
{
    private const string Key = FakeAuthyServer.DefaultApiKey;

    private readonly FakeAuthyServer _server = Reset(fixture.Server);
    private readonly HttpClient _http = new() { BaseAddress = fixture.Server.BaseAddress };

    // ---- row 1: register user ----

    [Fact]
    public async Task Register_user_answers_200_with_the_new_authy_id()
    {
        using var response = await PostAsync("/protected/json/users/new", Form(("user[email]", "ana@example.test"), ("user[cellphone]", "5551234534"), ("user[country_code]", "1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Exactly("""{"message":"User created successfully.","user":{"id":1635},"success":true}""", await BodyAsync(response), "user.id");
    }

    [Fact]
    public async Task Register_user_again_with_the_same_phone_returns_the_same_authy_id_and_keeps_both_emails()
    {
        using var first = await PostAsync("/protected/json/users/new", Form(("user[email]", "a@example.test"), ("user[cellphone]", "5551234534"), ("user[country_code]", "1")));
        using var second = await PostAsync("/protected/json/users/new", Form(("user[email]", "b@example.test"), ("user[cellphone]", "5551234534"), ("user[country_code]", "1")));

        var id = (await JsonAsync(first))["user"]!["id"]!.GetValue<long>();
        Assert.Equal(id, (await JsonAsync(second))["user"]!["id"]!.GetValue<long>());
        Assert.Equal(["a@example.test", "b@example.test"], _server.User(id.ToString(System.Globalization.CultureInfo.InvariantCulture))!.Emails);
    }

    [Fact]
    public async Task Register_user_with_an_invalid_cellphone_answers_400_60027_with_the_field_error_at_both_levels()
    {
        using var response = await PostAsync("/protected/json/users/new", Form(("user[email]", "a@example.test"), ("user[cellphone]", "12"), ("user[country_code]", "1")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        FixtureAssert.Exactly(
            """{"message":"User was not valid","success":false,"errors":{"message":"User was not valid","cellphone":"is invalid"},"cellphone":"is invalid","error_code":"60027"}""",
            await BodyAsync(response));
    }

    // ---- row 2: verify token ----

    [Fact]
    public async Task Verify_of_a_current_app_token_answers_200_with_success_as_the_string_true()
    {
        var user = _server.SeedUser(hasApp: true, confirmed: true);

        using var response = await GetAsync($"/protected/json/verify/{_server.CurrentTokenFor(user.Id)}/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BodyAsync(response);
        FixtureAssert.Exactly("""{"message":"Token is valid.","token":"is valid","success":"true","device":{}}""", body, "device");
        Assert.Equal(["id", "os_type", "registration_date", "last_sync_date"], JsonNode.Parse(body)!["device"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Verify_of_a_wrong_token_answers_401_60020()
    {
        var user = _server.SeedUser(hasApp: true, confirmed: true);

        using var response = await GetAsync($"/protected/json/verify/{WrongToken(user.Id)}/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        FixtureAssert.Matches("""{"message":"Token is invalid","token":"is invalid","success":false,"errors":{},"error_code":"60020"}""", await BodyAsync(response));
    }

    [Fact]
    public async Task Verify_of_a_token_already_accepted_answers_401_60019_in_the_same_shape()
    {
        var user = _server.SeedUser(hasApp: true, confirmed: true);
        var token = _server.CurrentTokenFor(user.Id);
        using var first = await GetAsync($"/protected/json/verify/{token}/{user.Id}?force=true");

        using var again = await GetAsync($"/protected/json/verify/{token}/{user.Id}?force=true");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (first.StatusCode, again.StatusCode));
        FixtureAssert.Matches("""{"message":"Token is invalid...","token":"is invalid","success":false,"errors":{},"error_code":"60019"}""", await BodyAsync(again));
    }

    [Fact]
    public async Task Verify_for_an_unknown_user_answers_404_60026()
    {
        using var response = await GetAsync("/protected/json/verify/1234567/999999?force=true");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        FixtureAssert.Matches("""{"message":"User not found.","success":false,"error_code":"60026"}""", await BodyAsync(response));
    }

    [Fact]
    public async Task Verify_without_force_passes_any_token_while_the_user_has_not_finished_registering()
    {
        var user = _server.SeedUser();

        using var response = await GetAsync($"/protected/json/verify/0000000/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Matches("""{"message":"Token is valid.","token":"is valid","success":"true"}""", await BodyAsync(response));
    }

    [Fact]
    public async Task Verify_with_force_refuses_a_wrong_token_of_a_user_who_has_not_finished_registering()
    {
        var user = _server.SeedUser();

        using var response = await GetAsync($"/protected/json/verify/0000000/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("60020", (await JsonAsync(response))["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_without_force_stops_passing_any_token_after_one_successful_sms_code()
    {
        var user = _server.SeedUser();
        using var sms = await GetAsync($"/protected/json/sms/{user.Id}?force=true");
        using var verified = await GetAsync($"/protected/json/verify/{Assert.Single(_server.Outbox).Code}/{user.Id}?force=true");

        using var lenient = await GetAsync($"/protected/json/verify/{WrongToken(user.Id)}/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, lenient.StatusCode);
    }

    // ---- rows 2, 3 and 4: a code is bound to the action it was sent with, none included ----

    [Fact]
    public async Task Sms_code_sent_with_an_action_verifies_only_with_that_action()
    {
        var user = _server.SeedUser(confirmed: true);
        using var sms = await GetAsync($"/protected/json/sms/{user.Id}?force=true&action=login&action_message=Sign%20in");
        var code = Assert.Single(_server.Outbox).Code;

        using var withoutAction = await GetAsync($"/protected/json/verify/{code}/{user.Id}?force=true");
        using var otherAction = await GetAsync($"/protected/json/verify/{code}/{user.Id}?force=true&action=enroll");
        using var sameAction = await GetAsync($"/protected/json/verify/{code}/{user.Id}?force=true&action=login");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutAction.StatusCode);
        Assert.Equal("60020", (await JsonAsync(withoutAction))["error_code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, otherAction.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameAction.StatusCode);
        Assert.Equal(("login", "Sign in"), (_server.Outbox[0].Action, _server.Outbox[0].ActionMessage));
    }

    [Fact]
    public async Task Sms_code_sent_without_an_action_verifies_only_without_an_action()
    {
        var user = _server.SeedUser(confirmed: true);
        using var sms = await GetAsync($"/protected/json/sms/{user.Id}?force=true");
        var code = Assert.Single(_server.Outbox).Code;

        using var withAction = await GetAsync($"/protected/json/verify/{code}/{user.Id}?force=true&action=login");
        using var withoutAction = await GetAsync($"/protected/json/verify/{code}/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.Unauthorized, withAction.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withoutAction.StatusCode);
    }

    [Fact]
    public async Task Call_code_sent_with_an_action_verifies_only_with_that_action()
    {
        var user = _server.SeedUser(confirmed: true);
        using var call = await GetAsync($"/protected/json/call/{user.Id}?force=true&action=enroll");
        var code = Assert.Single(_server.Outbox).Code;

        using var withoutAction = await GetAsync($"/protected/json/verify/{code}/{user.Id}?force=true");
        using var sameAction = await GetAsync($"/protected/json/verify/{code}/{user.Id}?force=true&action=enroll");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (withoutAction.StatusCode, sameAction.StatusCode));
    }

    [Fact]
    public async Task Code_from_the_app_does_not_verify_under_an_action()
    {
        var user = _server.SeedUser(hasApp: true, confirmed: true);
        var token = _server.CurrentTokenFor(user.Id);

        using var withAction = await GetAsync($"/protected/json/verify/{token}/{user.Id}?force=true&action=login");
        using var withoutAction = await GetAsync($"/protected/json/verify/{token}/{user.Id}?force=true");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (withAction.StatusCode, withoutAction.StatusCode));
    }

    // ---- row 3: SMS ----

    [Fact]
    public async Task Forced_sms_answers_200_with_the_masked_cellphone_and_delivers_a_code()
    {
        var user = _server.SeedUser(countryCode: "1", cellphone: "5551234534", hasApp: true);

        using var response = await GetAsync($"/protected/json/sms/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Exactly("""{"success":true,"message":"SMS token was sent","cellphone":"+1-XXX-XXX-XX34"}""", await BodyAsync(response));
        var sent = Assert.Single(_server.Outbox);
        Assert.Equal(("sms", true), (sent.Channel, sent.Forced));
        Assert.Matches("^[0-9]{7}$", sent.Code);
    }

    [Fact]
    public async Task Sms_without_force_to_an_app_user_answers_200_ignored_and_sends_nothing()
    {
        var user = _server.SeedUser(hasApp: true);

        using var response = await GetAsync($"/protected/json/sms/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Exactly(
            """{"success":true,"ignored":true,"device":"iphone","message":"Ignored: SMS is not needed for smartphones. Pass force=true ...","cellphone":"..."}""",
            await BodyAsync(response));
        Assert.Empty(_server.Outbox);
    }

    [Fact]
    public async Task Sms_without_force_to_a_user_without_the_app_is_sent()
    {
        var user = _server.SeedUser();

        using var response = await GetAsync($"/protected/json/sms/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await JsonAsync(response))["ignored"]);
        Assert.False(Assert.Single(_server.Outbox).Forced);
    }

    [Fact]
    public async Task Sms_asked_again_within_the_time_step_delivers_the_same_code()
    {
        await using var server = await FakeAuthyServer.StartAsync(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(30 * 1_000_000)));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var user = server.SeedUser();

        using var first = await SendAsync(http, HttpMethod.Get, $"/protected/json/sms/{user.Id}?force=true");
        using var second = await SendAsync(http, HttpMethod.Get, $"/protected/json/sms/{user.Id}?force=true");

        Assert.Equal(server.Outbox[0].Code, server.Outbox[1].Code);
    }

    [Fact]
    public async Task Sms_to_an_unknown_user_answers_404_60026()
    {
        using var response = await GetAsync("/protected/json/sms/999999?force=true");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        FixtureAssert.Matches("""{"message":"User not found.","success":false,"error_code":"60026"}""", await BodyAsync(response));
    }

    // ---- row 4: voice call ----

    [Fact]
    public async Task Forced_call_answers_200_call_started_with_the_masked_cellphone()
    {
        var user = _server.SeedUser(countryCode: "351", cellphone: "912345667");

        using var response = await GetAsync($"/protected/json/call/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Exactly("""{"success":true,"message":"Call started...","cellphone":"+351-XXX-XXX-XX67"}""", await BodyAsync(response));
        Assert.Equal("call", Assert.Single(_server.Outbox).Channel);
    }

    [Fact]
    public async Task Call_without_force_to_an_app_user_answers_200_ignored_and_calls_nobody()
    {
        var user = _server.SeedUser(hasApp: true);

        using var response = await GetAsync($"/protected/json/call/{user.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Matches("""{"success":true,"ignored":true,"device":"iphone","message":"…","cellphone":"…"}""", await BodyAsync(response));
        Assert.Empty(_server.Outbox);
    }

    [Fact]
    public async Task Call_to_an_unknown_user_answers_404_60026()
    {
        using var response = await GetAsync("/protected/json/call/999999?force=true");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("60026", (await JsonAsync(response))["error_code"]!.GetValue<string>());
    }

    // ---- rows 3 and 4: the language of SMS and calls ----

    [Theory]
    [InlineData("sms", "de")]
    [InlineData("sms", "fr")]
    [InlineData("call", "it")]
    [InlineData("call", "en")]
    public async Task Sms_and_call_with_a_listed_locale_are_sent_and_the_locale_is_recorded(string channel, string locale)
    {
        var user = _server.SeedUser();

        using var response = await GetAsync($"/protected/json/{channel}/{user.Id}?force=true&locale={locale}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((channel, locale), (Assert.Single(_server.Outbox).Channel, _server.Outbox[0].Locale));
    }

    [Fact]
    public async Task Sms_without_a_locale_is_sent_in_the_numbers_language_and_records_none()
    {
        var user = _server.SeedUser();

        using var response = await GetAsync($"/protected/json/sms/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(_server.Outbox).Locale);
    }

    [Theory]
    [InlineData("sms", "de-CH")]
    [InlineData("sms", "DE")]
    [InlineData("call", "de_DE")]
    [InlineData("call", "deu")]
    [InlineData("sms", "")]
    public async Task Sms_or_call_with_an_unlisted_locale_answers_404_and_sends_nothing(string channel, string locale)
    {
        var user = _server.SeedUser();

        using var response = await GetAsync($"/protected/json/{channel}/{user.Id}?force=true&locale={Uri.EscapeDataString(locale)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        FixtureAssert.Matches("""{"message":"…","success":false,"error_code":"…"}""", await BodyAsync(response));
        Assert.Empty(_server.Outbox);
    }

    // ---- row 5: remove user, by each path official clients use ----

    [Theory]
    [InlineData("/protected/json/users/{0}/remove")]
    [InlineData("/protected/json/users/{0}/delete")]
    [InlineData("/protected/json/users/delete/{0}")]
    public async Task Removing_a_user_by_a_documented_path_answers_200_and_the_user_is_gone(string pathFormat)
    {
        var user = _server.SeedUser();

        using var response = await PostAsync(pathFormat.Replace("{0}", user.Id, StringComparison.Ordinal), Form());
        using var status = await GetAsync($"/protected/json/users/{user.Id}/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FixtureAssert.Exactly("""{"message":"User removed from application","success":true}""", await BodyAsync(response));
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task Removing_an_unknown_user_answers_404_60026()
    {
        using var response = await PostAsync("/protected/json/users/999999/remove", Form());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("60026", (await JsonAsync(response))["error_code"]!.GetValue<string>());
    }

    // ---- row 6: user status ----

    [Fact]
    public async Task User_status_answers_the_documented_shape()
    {
        var user = _server.SeedUser(email: "ana@example.test", countryCode: "1", cellphone: "5550001118", hasApp: true, confirmed: true);

        using var response = await GetAsync($"/protected/json/users/{user.Id}/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The fixture, with its user's values kept except registered: that user had no app, ours has one.
        FixtureAssert.Matches(
            """
            {"status":{"authy_id":290907,"confirmed":true,"registered":true,"country_code":1,"phone_number":"XXX-XXX-1118","email":"…",
             "devices":["iphone"],"has_hard_token":false,"account_disabled":false,
             "detailed_devices":[{"device_type":"authy","os_type":"…","device_id":290908,"last_sync_date":0,"creation_date":1433868212}],
             "deleted_devices":[]},"message":"User status.","success":true}
            """,
            await BodyAsync(response), "status.authy_id", "status.detailed_devices[0].device_id");
    }

    [Fact]
    public async Task User_status_says_confirmed_only_after_a_valid_code_and_registered_only_with_the_app()
    {
        var user = _server.SeedUser();
        using var before = await GetAsync($"/protected/json/users/{user.Id}/status");
        using var sms = await GetAsync($"/protected/json/sms/{user.Id}?force=true");
        using var verify = await GetAsync($"/protected/json/verify/{Assert.Single(_server.Outbox).Code}/{user.Id}?force=true");

        using var after = await GetAsync($"/protected/json/users/{user.Id}/status");

        var (was, now) = ((await JsonAsync(before))["status"]!, (await JsonAsync(after))["status"]!);
        Assert.Equal((false, false), (was["confirmed"]!.GetValue<bool>(), was["registered"]!.GetValue<bool>()));
        Assert.Equal((true, false), (now["confirmed"]!.GetValue<bool>(), now["registered"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task User_status_of_an_unknown_user_answers_404_60026()
    {
        using var response = await GetAsync("/protected/json/users/999999/status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("60026", (await JsonAsync(response))["error_code"]!.GetValue<string>());
    }

    // ---- row 7: app details, and the key ----

    [Fact]
    public async Task App_details_answer_the_application_and_its_features()
    {
        _server.AppName = "Test";
        _server.SmsEnabled = false;

        using var response = await GetAsync("/protected/json/app/details?user_ip=203.0.113.7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The fixture leaves onetouch_enabled and phone_calls_enabled out; the fake's defaults are true.
        FixtureAssert.Exactly(
            """{"app":{"app_id":3,"name":"Test","plan":"pay_as_you_go","sms_enabled":false,"onetouch_enabled":true,"phone_calls_enabled":true},"message":"Application information.","success":true}""",
            await BodyAsync(response));
    }

    [Theory]
    [InlineData("GET", "/protected/json/app/details")]
    [InlineData("GET", "/protected/json/verify/1234567/1635?force=true")]
    [InlineData("GET", "/protected/json/sms/1635?force=true")]
    [InlineData("GET", "/protected/json/call/1635?force=true")]
    [InlineData("GET", "/protected/json/users/1635/status")]
    [InlineData("POST", "/protected/json/users/new")]
    [InlineData("POST", "/protected/json/users/1635/remove")]
    [InlineData("POST", "/protected/json/users/1635/secret")]
    [InlineData("POST", "/onetouch/json/users/1635/approval_requests")]
    [InlineData("GET", "/onetouch/json/approval_requests/fd285c30-97f8-0135-cfa7-1241e5695bb0")]
    public async Task A_wrong_key_answers_401_60001_on_every_endpoint(string method, string path)
    {
        using var response = await SendAsync(_http, new HttpMethod(method), path, key: "WrongKey00000000000000000000000000");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        FixtureAssert.Matches("""{"message":"Invalid API key","success":false,"error_code":"60001"}""", await BodyAsync(response));
        Assert.Empty(_server.Outbox);
    }

    [Fact]
    public async Task The_key_in_the_query_string_is_not_accepted()
    {
        var user = _server.SeedUser();

        using var response = await SendAsync(_http, HttpMethod.Get, $"/protected/json/sms/{user.Id}?force=true&api_key={Key}", key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("60001", (await JsonAsync(response))["error_code"]!.GetValue<string>());
        Assert.Empty(_server.Outbox);
    }

    // ---- row 9: QR code for third-party authenticator apps ----

    [Fact]
    public async Task Qr_code_request_answers_a_url_to_the_image_and_never_the_secret()
    {
        var user = _server.SeedUser();

        using var response = await PostAsync($"/protected/json/users/{user.Id}/secret", Form(("qr_size", "300"), ("label", "Lucy Portal")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.True(Uri.TryCreate(body["qr_code"]!.GetValue<string>(), UriKind.Absolute, out _));
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.DoesNotContain(body.AsObject(), p => p.Key.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Qr_code_for_an_unknown_user_answers_404_60026()
    {
        using var response = await PostAsync("/protected/json/users/999999/secret", Form(("qr_size", "300")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("60026", (await JsonAsync(response))["error_code"]!.GetValue<string>());
    }

    // ---- rows 10 and 11: OneTouch ----

    [Fact]
    public async Task OneTouch_request_answers_its_uuid_and_starts_pending_with_no_processed_at()
    {
        var user = _server.SeedUser(hasApp: true);

        using var created = await PostAsync($"/onetouch/json/users/{user.Id}/approval_requests", Form(("message", "Log in"), ("seconds_to_expire", "120")));
        var createdBody = await BodyAsync(created);
        var uuid = JsonNode.Parse(createdBody)!["approval_request"]!["uuid"]!.GetValue<string>();
        using var status = await GetAsync($"/onetouch/json/approval_requests/{uuid}");

        FixtureAssert.Exactly("""{"approval_request":{"uuid":"fd285c30-97f8-0135-cfa7-1241e5695bb0"},"success":true}""", createdBody, "approval_request.uuid");
        FixtureAssert.Matches(
            """{"approval_request":{"_app_name":"…","_authy_id":28894864,"created_at":"…","notified":false,"processed_at":null,"seconds_to_expire":120,"status":"pending","uuid":"…"},"success":true}""",
            await BodyAsync(status), "approval_request._authy_id");
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("denied")]
    [InlineData("expired")]
    public async Task OneTouch_status_follows_the_users_answer(string answer)
    {
        var user = _server.SeedUser(hasApp: true);
        var uuid = await CreateApprovalAsync(user.Id);
        Action<string> process = answer switch { "approved" => _server.Approve, "denied" => _server.Deny, _ => _server.Expire };

        process(uuid);
        using var status = await GetAsync($"/onetouch/json/approval_requests/{uuid}");

        var request = (await JsonAsync(status))["approval_request"]!;
        Assert.Equal(answer, request["status"]!.GetValue<string>());
        Assert.NotNull(request["processed_at"]);
    }

    [Fact]
    public async Task OneTouch_request_not_answered_in_seconds_to_expire_is_expired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await FakeAuthyServer.StartAsync(clock);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var user = server.SeedUser(hasApp: true);
        using var created = await SendAsync(http, HttpMethod.Post, $"/onetouch/json/users/{user.Id}/approval_requests", content: Form(("message", "Log in"), ("seconds_to_expire", "120")));
        var uuid = (await JsonAsync(created))["approval_request"]!["uuid"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromSeconds(119));
        using var before = await SendAsync(http, HttpMethod.Get, $"/onetouch/json/approval_requests/{uuid}");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var after = await SendAsync(http, HttpMethod.Get, $"/onetouch/json/approval_requests/{uuid}");

        Assert.Equal("pending", (await JsonAsync(before))["approval_request"]!["status"]!.GetValue<string>());
        Assert.Equal("expired", (await JsonAsync(after))["approval_request"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task OneTouch_status_of_an_unknown_request_answers_404_60049()
    {
        using var response = await GetAsync("/onetouch/json/approval_requests/fd285c30-97f8-0135-cfa7-1241e5695bb0");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        FixtureAssert.Exactly(
            """{"message":"Approval request not found: fd285c30-97f8-0135-cfa7-1241e5695bb0","success":false,"errors":{},"error_code":"60049"}""",
            await BodyAsync(response));
    }

    [Fact]
    public async Task OneTouch_request_for_a_user_without_the_app_is_refused_with_60050()
    {
        var user = _server.SeedUser();

        using var response = await PostAsync($"/onetouch/json/users/{user.Id}/approval_requests", Form(("message", "Log in")));

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal("60050", (await JsonAsync(response))["error_code"]!.GetValue<string>());
    }

    [Fact]
    public async Task OneTouch_request_for_an_unknown_user_answers_404_60026()
    {
        using var response = await PostAsync("/onetouch/json/users/999999/approval_requests", Form(("message", "Log in")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("60026", (await JsonAsync(response))["error_code"]!.GetValue<string>());
    }

    // ---- throttling, outages and lost answers ----

    [Fact]
    public async Task Throttle_fault_answers_429_with_the_60003_body_and_retry_after()
    {
        _server.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Throttle(TimeSpan.FromSeconds(7)));
        var user = _server.SeedUser();

        using var response = await GetAsync($"/protected/json/sms/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        FixtureAssert.Matches("""{"success":false,"error_code":"60003"}""", await BodyAsync(response));
        Assert.Empty(_server.Outbox);
    }

    [Fact]
    public async Task Unavailable_fault_answers_503_with_no_body_at_all()
    {
        _server.SetFault(FakeAuthyEndpoint.AppDetails, FakeAuthyFault.Unavailable());

        using var response = await GetAsync("/protected/json/app/details");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Lost_answer_fault_consumes_the_token_and_drops_the_connection_without_a_byte()
    {
        var user = _server.SeedUser(hasApp: true, confirmed: true);
        var token = _server.CurrentTokenFor(user.Id);
        _server.SetFault(FakeAuthyEndpoint.Verify, FakeAuthyFault.LoseAnswer().Once());

        await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync($"/protected/json/verify/{token}/{user.Id}?force=true"));
        using var again = await GetAsync($"/protected/json/verify/{token}/{user.Id}?force=true");

        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("60019", (await JsonAsync(again))["error_code"]!.GetValue<string>());
    }

    public void Dispose()
    {
        _http.Dispose();
        GC.SuppressFinalize(this);
    }

    private static FakeAuthyServer Reset(FakeAuthyServer server)
    {
        server.Reset();
        return server;
    }

    private string WrongToken(string authyId) =>
        _server.CurrentTokenFor(authyId) == "0000000" ? "1111111" : "0000000";

    private async Task<string> CreateApprovalAsync(string authyId)
    {
        using var created = await PostAsync($"/onetouch/json/users/{authyId}/approval_requests", Form(("message", "Log in")));
        return (await JsonAsync(created))["approval_request"]!["uuid"]!.GetValue<string>();
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private Task<HttpResponseMessage> GetAsync(string path) => SendAsync(_http, HttpMethod.Get, path);

    private Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => SendAsync(_http, HttpMethod.Post, path, content: content);

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? key = Key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Authy-API-Key", key);
        }

        return http.SendAsync(request);
    }

    private static Task<string> BodyAsync(HttpResponseMessage response) => response.Content.ReadAsStringAsync();

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("Empty answer.");
}
