using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Lucy.Portal.Tests.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The sign-in grant works only in the browser whose prompt earned it, once, briefly, and never reaches a log.</summary>
public class SignInGrantBindingTests : IAsyncLifetime
{
    private readonly LoggedPortal _portal = new();
    private EnrolledUser _user = default!;

    public async Task InitializeAsync()
    {
        await _portal.SeedAccountsAsync();
        _user = await _portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    /// <summary>Password step, then what the prompt does while prerendering: open a challenge for this browser.</summary>
    private async Task<(PortalSession Browser, string Challenge)> PassPasswordAsync()
    {
        var browser = _portal.CreateSession();
        using var login = await browser.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        await using var scope = _portal.Services.CreateAsyncScope();
        var challenge = await scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(_user.Id, PortalSession.BrowserKeyFrom(login));
        return (browser, challenge);
    }

    private async Task<string> EarnGrantAsync(string challenge)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<TwoFactorLogin>()
            .VerifyCodeAsync(challenge, EnrollmentMethod.BuiltInAuthenticator, _portal.CurrentCode(_user.Seed), rememberDevice: false, "127.0.0.1");
        Assert.True(result.Succeeded, result.Message);
        return result.Grant!;
    }

    private static Task<HttpResponseMessage> RedeemAsync(PortalSession browser, string grant) => browser.CompleteSignInAsync(grant, "/account");

    private static async Task<bool> IsSignedInAsync(PortalSession browser)
    {
        using var account = await browser.GetAsync("/account");
        return account.StatusCode == System.Net.HttpStatusCode.OK;
    }

    [Fact]
    public async Task A_grant_redeemed_from_another_browser_of_the_same_user_is_refused()
    {
        var (browserA, challengeA) = await PassPasswordAsync();
        using var _a = browserA;
        // Browser B passed the password step for the same user (someone who has the password, not the second factor).
        var (browserB, _) = await PassPasswordAsync();
        using var _b = browserB;
        var grant = await EarnGrantAsync(challengeA);

        using var stolen = await RedeemAsync(browserB, grant);

        var signedIn = await IsSignedInAsync(browserB);
        Assert.False(signedIn, "Browser B signed in with the grant browser A's prompt earned.");
        ResponseAssert.RedirectsTo(stolen, "/Account/Login");
    }

    [Fact]
    public async Task A_grant_is_redeemed_by_its_own_browser_once_only()
    {
        var (browser, challenge) = await PassPasswordAsync();
        using var _browser = browser;
        var grant = await EarnGrantAsync(challenge);

        using var first = await RedeemAsync(browser, grant);
        ResponseAssert.RedirectsTo(first, "/account");
        Assert.True(await IsSignedInAsync(browser));
        (await browser.LogoutAsync()).Dispose();

        using var second = await RedeemAsync(browser, grant);
        ResponseAssert.RedirectsTo(second, "/Account/Login");
        Assert.False(await IsSignedInAsync(browser));
    }

    [Fact]
    public async Task A_grant_redeemed_after_it_expired_is_refused()
    {
        var (browser, challenge) = await PassPasswordAsync();
        using var _browser = browser;
        var grant = await EarnGrantAsync(challenge);

        _portal.Time.Advance(SignInChallenges.GrantLifetime + TimeSpan.FromSeconds(1));
        using var late = await RedeemAsync(browser, grant);

        ResponseAssert.RedirectsTo(late, "/Account/Login");
        Assert.False(await IsSignedInAsync(browser));
    }

    [Fact]
    public async Task A_grant_in_a_url_or_posted_without_the_antiforgery_token_signs_nobody_in()
    {
        var (browser, challenge) = await PassPasswordAsync();
        using var _browser = browser;
        var grant = await EarnGrantAsync(challenge);

        (await browser.GetAsync($"/Account/CompleteSignIn?grant={Uri.EscapeDataString(grant)}")).Dispose();
        Assert.False(await IsSignedInAsync(browser));
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant"] = grant });
        using var crossSite = await browser.Client.PostAsync("/Account/CompleteSignIn", forged);
        ResponseAssert.RedirectsTo(crossSite, "/Account/Login");
        Assert.False(await IsSignedInAsync(browser));

        // The grant is still good for the prompt's own form.
        using var redeemed = await RedeemAsync(browser, grant);
        ResponseAssert.RedirectsTo(redeemed, "/account");
    }

    [Fact]
    public async Task The_grant_never_appears_in_the_log_even_at_trace_level()
    {
        var (browser, challenge) = await PassPasswordAsync();
        using var _browser = browser;
        var grant = await EarnGrantAsync(challenge);

        using var redeemed = await RedeemAsync(browser, grant);
        ResponseAssert.RedirectsTo(redeemed, "/account");

        Assert.Contains("CompleteSignIn", _portal.Log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(grant, _portal.Log.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(grant), _portal.Log.AllText, StringComparison.Ordinal);
    }

    /// <summary>A portal that keeps every log message of every category, down to Trace.</summary>
    private sealed class LoggedPortal : TwoFactorPortal
    {
        public CapturingLoggerProvider Log { get; } = new();

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            base.ConfigureTestServices(services);
            services.AddSingleton<ILoggerProvider>(Log);
            services.Configure<LoggerFilterOptions>(filters =>
                filters.Rules.Add(new LoggerFilterRule(typeof(CapturingLoggerProvider).FullName, null, LogLevel.Trace, null)));
        }
    }
}
