using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Localization;

/// <summary>The user's language travels to Authy as `locale` on the login SMS, the call and the wizard's SMS.</summary>
public sealed class AuthyLocaleTests : IAsyncLifetime
{
    private const string Newcomer = "newcomer@lucy.test";
    private AuthyPortal _portal = default!;

    public async Task InitializeAsync()
    {
        _portal = await AuthyPortal.StartAsync();
        await _portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);
        await _portal.CreateUserAsync(Newcomer, PortalRoles.User, mustChangePassword: false);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => ProviderLocaleSteps.WithAsync(_portal, action);

    private Task<CodeDeliveryResult> SendAsync(string challenge, CodeChannel channel) =>
        WithAsync(sp => sp.GetRequiredService<LoginCodeDelivery>().SendCodeAsync(challenge, EnrollmentMethod.Authy, channel, "127.0.0.1"));

    [Fact]
    public async Task The_login_sms_and_the_call_carry_the_users_saved_language_whatever_the_page_shows()
    {
        await ProviderLocaleSteps.SaveLanguageAsync(_portal, PortalFactory.UserEmail, "de");
        var (session, challenge) = await ProviderLocaleSteps.PassPasswordAsync(_portal);
        using var _s = session;
        using var _c = StrictLocalization.UseCulture("fr");

        Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, CodeChannel.Sms)).Status);
        _portal.Time.Advance(OtpDeliveryLimiter.Cooldown);
        Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, CodeChannel.Call)).Status);

        Assert.Equal([("sms", "de"), ("call", "de")], _portal.Authy.Outbox.Select(s => (s.Channel, s.Locale)));
    }

    [Theory]
    [InlineData("it-CH", "it")]
    [InlineData("fr", "fr")]
    [InlineData("en-GB", "en")]
    [InlineData("es", "en")]
    public async Task Without_a_saved_language_the_login_sms_speaks_the_pages_language(string pageCulture, string expected)
    {
        var (session, challenge) = await ProviderLocaleSteps.PassPasswordAsync(_portal);
        using var _s = session;
        using var _c = StrictLocalization.UseCulture(pageCulture);

        Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, CodeChannel.Sms)).Status);

        Assert.Equal(expected, Assert.Single(_portal.Authy.Outbox).Locale);
    }

    [Fact]
    public async Task The_wizards_sms_carries_the_users_saved_language()
    {
        await ProviderLocaleSteps.SaveLanguageAsync(_portal, Newcomer, "it");
        using var _c = StrictLocalization.UseCulture("en");
        await WithAsync(async sp => await sp.GetRequiredService<AuthyEnrollment>().RegisterAsync(await ProviderLocaleSteps.UserAsync(sp, Newcomer), "41", "791234568"));

        var sent = await WithAsync(async sp => await sp.GetRequiredService<AuthyEnrollment>().SendSmsAsync(await ProviderLocaleSteps.UserAsync(sp, Newcomer)));

        Assert.Equal(AuthyEnrollmentStatus.Done, sent.Status);
        Assert.Equal(("sms", "it"), (Assert.Single(_portal.Authy.Outbox).Channel, _portal.Authy.Outbox[0].Locale));
    }
}

/// <summary>The user's language travels to Twilio Verify as `Locale` on the login SMS, the call and the wizard's SMS.</summary>
public sealed class TwilioVerifyLocaleTests : IAsyncLifetime
{
    private const string Newcomer = "newcomer@lucy.test";
    private TwilioVerifyPortal _portal = default!;

    public async Task InitializeAsync()
    {
        _portal = await TwilioVerifyPortal.StartAsync();
        await _portal.EnrollWithTwilioVerifyAsync(PortalFactory.UserEmail);
        await _portal.CreateUserAsync(Newcomer, PortalRoles.User, mustChangePassword: false);
        await _portal.SavePhoneAsync(Newcomer);
        _sentBefore = _portal.Verify.Outbox.Count;
    }

    private int _sentBefore;

    private List<Fakes.SentVerifyCode> Sent => [.. _portal.Verify.Outbox.Skip(_sentBefore)];

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action) => ProviderLocaleSteps.WithAsync(_portal, action);

    private Task<CodeDeliveryResult> SendAsync(string challenge, CodeChannel channel) =>
        WithAsync(sp => sp.GetRequiredService<LoginCodeDelivery>().SendCodeAsync(challenge, EnrollmentMethod.TwilioVerify, channel, "127.0.0.1"));

    [Fact]
    public async Task The_login_sms_and_the_call_carry_the_users_saved_language_whatever_the_page_shows()
    {
        await ProviderLocaleSteps.SaveLanguageAsync(_portal, PortalFactory.UserEmail, "fr");
        var (session, challenge) = await ProviderLocaleSteps.PassPasswordAsync(_portal);
        using var _s = session;
        using var _c = StrictLocalization.UseCulture("de");

        Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, CodeChannel.Sms)).Status);
        _portal.Time.Advance(OtpDeliveryLimiter.Cooldown);
        Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, CodeChannel.Call)).Status);

        Assert.Equal([("sms", "fr"), ("call", "fr")], Sent.Select(s => (s.Channel, s.Locale)));
    }

    [Fact]
    public async Task Without_a_saved_language_the_login_sms_speaks_the_pages_language()
    {
        var (session, challenge) = await ProviderLocaleSteps.PassPasswordAsync(_portal);
        using var _s = session;
        using var _c = StrictLocalization.UseCulture("de-CH");

        Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, CodeChannel.Sms)).Status);

        Assert.Equal("de", Assert.Single(Sent).Locale);
    }

    [Fact]
    public async Task The_wizards_sms_carries_the_users_saved_language()
    {
        await ProviderLocaleSteps.SaveLanguageAsync(_portal, Newcomer, "it");
        using var _c = StrictLocalization.UseCulture("en");

        var sent = await WithAsync(async sp => await sp.GetRequiredService<TwoFactorAccountService>()
            .SendTwilioVerifyCodeAsync(await ProviderLocaleSteps.UserAsync(sp, Newcomer), CodeChannel.Sms));

        Assert.Equal(TwilioVerifyEnrollmentStatus.Done, sent.Status);
        Assert.Equal(("sms", "it"), (Assert.Single(Sent).Channel, Sent[0].Locale));
    }
}

internal static class ProviderLocaleSteps
{
    public static async Task<T> WithAsync<T>(PortalFactory portal, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static async Task<PortalUser> UserAsync(IServiceProvider services, string email) =>
        (await services.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;

    public static Task SaveLanguageAsync(PortalFactory portal, string email, string language) => WithAsync(portal, async sp =>
    {
        var user = await UserAsync(sp, email);
        user.PreferredLanguage = language;
        return await sp.GetRequiredService<UserManager<PortalUser>>().UpdateAsync(user);
    });

    public static async Task<(PortalSession Session, string Challenge)> PassPasswordAsync(PortalFactory portal)
    {
        var session = portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        var userId = await WithAsync(portal, async sp => (await UserAsync(sp, PortalFactory.UserEmail)).Id);
        return (session, await WithAsync(portal, sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(userId, PortalSession.BrowserKeyFrom(login))));
    }
}
