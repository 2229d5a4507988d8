using System.Net;
using System.Text;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// Authy's OneTouch callback against the real portal: signed by the test's own implementation of the documented
/// algorithm, sent over the portal's HTTP pipeline, acted on by the token prompt's checks.
/// </summary>
public class OneTouchCallbackTests : IAsyncLifetime
{
    private const string CallbackPath = "/authy/onetouch-callback";

    private AuthyPortal _portal = default!;
    private string _authyId = default!;

    public async Task InitializeAsync()
    {
        _portal = await AuthyPortal.StartAsync();
        (_authyId, _) = await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static Uri CallbackUrl(HttpClient client) => new(client.BaseAddress!, CallbackPath);

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => _portal.WithScopeAsync(action);

    /// <summary>The password step, the prompt opened and a OneTouch request pushed: what the prompt then waits on.</summary>
    private async Task<(string Challenge, string Uuid)> WaitingOnOneTouchAsync(string email = PortalFactory.UserEmail, string? browserKey = null)
    {
        var userId = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id);
        var challenge = await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(userId, browserKey ?? SignInChallenges.NewBrowserKey()));
        var started = await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().StartOneTouchAsync(challenge, "127.0.0.1"));
        Assert.Equal(OneTouchStatus.Pending, started.Status);
        return (challenge, _portal.Authy.OneTouchRequests[^1].Uuid);
    }

    /// <summary>The prompt's every-second check: the recorded answer only, never Authy.</summary>
    private Task<OneTouchResult> RecordedCheckAsync(string challenge) =>
        WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().CheckOneTouchAsync(challenge, false, "127.0.0.1", askAuthy: false));

    private Task<OneTouchResult> FullCheckAsync(string challenge) =>
        WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().CheckOneTouchAsync(challenge, false, "127.0.0.1"));

    private Task<int> FailedCountAsync() => WithAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!);
    });

    private async Task<HttpStatusCode> SendAsync(HttpClient client, HttpRequestMessage callback)
    {
        using (callback)
        using (var response = await client.SendAsync(callback))
        {
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task A_signed_post_callback_approves_the_waiting_prompt_and_its_next_check_signs_in_without_asking_authy()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();

        var status = await SendAsync(client, _portal.Authy.AnswerWithCallback(uuid, "approved", CallbackUrl(client), _portal.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, status);
        var approved = await FullCheckAsync(challenge);
        Assert.Equal(OneTouchStatus.Approved, approved.Status);
        Assert.NotNull(approved.Grant);
        Assert.Empty(_portal.Authy.RequestsTo(FakeAuthyEndpoint.OneTouchStatus));
    }

    [Fact]
    public async Task The_grant_from_a_callback_approval_completes_the_sign_in_of_the_waiting_browser()
    {
        using var session = _portal.CreateSession();
        string browserKey;
        using (var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password))
        {
            ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
            browserKey = PortalSession.BrowserKeyFrom(login);
        }
        var (challenge, uuid) = await WaitingOnOneTouchAsync(browserKey: browserKey);
        using var authy = _portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(authy, _portal.Authy.AnswerWithCallback(uuid, "approved", CallbackUrl(authy), _portal.Time.GetUtcNow())));

        var approved = await RecordedCheckAsync(challenge);

        using var complete = await session.CompleteSignInAsync(approved.Grant!);
        ResponseAssert.RedirectsTo(complete, "/");
        using var home = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Empty(_portal.Authy.RequestsTo(FakeAuthyEndpoint.OneTouchStatus));
    }

    [Fact]
    public async Task A_callback_with_a_bad_signature_is_refused_with_401_and_changes_nothing()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();
        var forged = _portal.Authy.SignedCallback(HttpMethod.Post, CallbackUrl(client), _portal.Authy.CallbackBody(uuid, "approved"),
            _portal.Time.GetUtcNow(), apiKey: "NotTheKeyOfThisPortal0000000000x");

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, forged));

        Assert.Equal(OneTouchStatus.Pending, (await RecordedCheckAsync(challenge)).Status);
    }

    [Fact]
    public async Task A_validly_signed_callback_whose_body_was_changed_is_refused()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();
        var denied = _portal.Authy.SignedCallback(HttpMethod.Post, CallbackUrl(client), _portal.Authy.CallbackBody(uuid, "denied"), _portal.Time.GetUtcNow());
        var tampered = (await denied.Content!.ReadAsStringAsync()).Replace("denied", "approved", StringComparison.Ordinal);
        denied.Content = new StringContent(tampered, Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, denied));

        Assert.Equal(OneTouchStatus.Pending, (await RecordedCheckAsync(challenge)).Status);
    }

    [Fact]
    public async Task A_callback_without_signature_headers_is_refused()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();
        var unsigned = _portal.Authy.SignedCallback(HttpMethod.Post, CallbackUrl(client), _portal.Authy.CallbackBody(uuid, "approved"), _portal.Time.GetUtcNow());
        unsigned.Headers.Remove("X-Authy-Signature");

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, unsigned));
        Assert.Equal(OneTouchStatus.Pending, (await RecordedCheckAsync(challenge)).Status);
    }

    [Fact]
    public async Task A_replayed_callback_is_refused()
    {
        var (_, uuid) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();
        var body = _portal.Authy.CallbackBody(uuid, "denied");
        var at = _portal.Time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, _portal.Authy.SignedCallback(HttpMethod.Post, CallbackUrl(client), body, at)));

        var replay = await SendAsync(client, _portal.Authy.SignedCallback(HttpMethod.Post, CallbackUrl(client), body, at));

        Assert.Equal(HttpStatusCode.Conflict, replay);
    }

    [Fact]
    public async Task A_callback_whose_nonce_is_older_than_the_freshness_window_is_refused()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();
        var stale = _portal.Authy.SignedCallback(HttpMethod.Post, CallbackUrl(client), _portal.Authy.CallbackBody(uuid, "approved"),
            _portal.Time.GetUtcNow() - TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, stale));
        Assert.Equal(OneTouchStatus.Pending, (await RecordedCheckAsync(challenge)).Status);
    }

    [Fact]
    public async Task A_callback_naming_another_users_authy_id_is_ignored()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        var other = _portal.Authy.SeedUser("someone@lucy.test", "41", "798888888", hasApp: true, confirmed: true);
        Assert.NotEqual(_authyId, other.Id);
        using var client = _portal.CreateClient();
        var misdirected = _portal.Authy.SignedCallback(HttpMethod.Post, CallbackUrl(client), _portal.Authy.CallbackBody(uuid, "approved", authyId: other.Id),
            _portal.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, misdirected));

        var check = await RecordedCheckAsync(challenge);
        Assert.Equal(OneTouchStatus.Pending, check.Status);
        Assert.Null(check.Grant);
    }

    [Fact]
    public async Task A_signed_get_callback_with_the_fields_in_the_query_approves_the_waiting_prompt()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();

        var status = await SendAsync(client, _portal.Authy.SignedCallback(HttpMethod.Get, CallbackUrl(client), _portal.Authy.CallbackBody(uuid, "approved"),
            _portal.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(OneTouchStatus.Approved, (await RecordedCheckAsync(challenge)).Status);
    }

    [Fact]
    public async Task A_denial_by_callback_stops_the_prompt_and_counts_like_a_wrong_code()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, _portal.Authy.AnswerWithCallback(uuid, "denied", CallbackUrl(client), _portal.Time.GetUtcNow())));

        var denied = await RecordedCheckAsync(challenge);

        Assert.Equal(OneTouchStatus.Denied, denied.Status);
        Assert.Null(denied.Grant);
        Assert.Equal(1, await FailedCountAsync());
    }

    [Fact]
    public async Task An_answer_for_an_earlier_request_does_not_carry_over_to_a_new_one()
    {
        var (challenge, first) = await WaitingOnOneTouchAsync();
        using var client = _portal.CreateClient();
        _portal.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(OneTouchStatus.Pending, (await WithAsync(sp => sp.GetRequiredService<AuthyLoginDelivery>().StartOneTouchAsync(challenge, null))).Status);

        var late = await SendAsync(client, _portal.Authy.AnswerWithCallback(first, "approved", CallbackUrl(client), _portal.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, late);
        Assert.Equal(OneTouchStatus.Pending, (await RecordedCheckAsync(challenge)).Status);
    }

    [Fact]
    public async Task Without_a_callback_polling_authy_still_signs_in()
    {
        var (challenge, uuid) = await WaitingOnOneTouchAsync();
        Assert.Equal(OneTouchStatus.Pending, (await RecordedCheckAsync(challenge)).Status);
        _portal.Authy.Approve(uuid);

        Assert.Equal(OneTouchStatus.Pending, (await RecordedCheckAsync(challenge)).Status);
        var approved = await FullCheckAsync(challenge);

        Assert.Equal(OneTouchStatus.Approved, approved.Status);
        Assert.Single(_portal.Authy.RequestsTo(FakeAuthyEndpoint.OneTouchStatus));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_400()
    {
        using var client = _portal.CreateClient();
        using var content = new StringContent("uuid=1&status=approved", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync(CallbackPath, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
