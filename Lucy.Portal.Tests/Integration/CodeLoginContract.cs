using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Phones;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>
/// What every code-based method must do at the token prompt, run once per method through the seam: a valid code
/// signs in through the grant, a wrong one is counted, a malformed one gets the method's own message and is not
/// counted, and the prompt offers the method. Each subclass only enrolls the user and says where a valid code comes from.
/// </summary>
public abstract class CodeLoginContract<TPortal> : IAsyncLifetime where TPortal : TwoFactorPortal
{
    protected TPortal Portal { get; private set; } = default!;

    protected abstract EnrollmentMethod Method { get; }

    protected abstract Task<TPortal> StartAsync();

    /// <summary>Enrolls <see cref="PortalFactory.UserEmail"/> with the method, 2FA on.</summary>
    protected abstract Task EnrollAsync();

    /// <summary>A code the method accepts now (sending one first when the method sends codes).</summary>
    protected abstract Task<string> ValidCodeAsync(string challenge);

    /// <summary>A well-formed code the method refuses.</summary>
    protected abstract Task<string> WrongCodeAsync(string challenge);

    protected virtual string MalformedCode => "12ab";

    public async Task InitializeAsync()
    {
        Portal = await StartAsync();
        await EnrollAsync();
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    protected async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task<(PortalSession Session, string Challenge)> PassPasswordAsync()
    {
        var session = Portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.UserEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/Account/LoginWith2fa");
        var userId = await WithAsync(async sp => (await sp.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(PortalFactory.UserEmail))!.Id);
        return (session, await WithAsync(sp => sp.GetRequiredService<SignInChallenges>().OpenAsync(userId, PortalSession.BrowserKeyFrom(login))));
    }

    protected Task<CodeDeliveryResult> SendAsync(string challenge, CodeChannel channel) =>
        WithAsync(sp => sp.GetRequiredService<LoginCodeDelivery>().SendCodeAsync(challenge, Method, channel, "127.0.0.1"));

    private Task<TwoFactorLoginResult> VerifyAsync(string challenge, string code) =>
        WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().VerifyCodeAsync(challenge, Method, code, false, "127.0.0.1"));

    private Task<int> FailedCountAsync() => WithAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(PortalFactory.UserEmail))!);
    });

    [Fact]
    public async Task The_prompt_offers_the_method_with_a_code_field()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var prompt = await WithAsync(sp => sp.GetRequiredService<TwoFactorLogin>().GetPromptAsync(challenge));

        var offer = prompt!.Offer(Method);
        Assert.NotNull(offer);
        Assert.True(offer.Has(FactorCapabilities.Code));
        Assert.False(string.IsNullOrEmpty(offer.CodeLabel));
    }

    [Fact]
    public async Task A_valid_code_completes_the_sign_in_through_the_grant()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var result = await VerifyAsync(challenge, await ValidCodeAsync(challenge));

        Assert.Equal(TwoFactorLoginStatus.Verified, result.Status);
        using var complete = await session.CompleteSignInAsync(result.Grant!);
        ResponseAssert.RedirectsTo(complete, "/");
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_counted()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;

        var result = await VerifyAsync(challenge, await WrongCodeAsync(challenge));

        Assert.Equal(TwoFactorLoginStatus.WrongCode, result.Status);
        Assert.Null(result.Grant);
        Assert.Equal(1, await FailedCountAsync());
    }

    [Fact]
    public async Task A_malformed_code_gets_the_methods_message_and_is_not_counted()
    {
        var (session, challenge) = await PassPasswordAsync();
        using var _s = session;
        var expected = await WithAsync(sp => Task.FromResult(sp.GetRequiredService<SecondFactorMethods>().Find(Method)!.MalformedMessage));

        var result = await VerifyAsync(challenge, MalformedCode);

        Assert.Equal(TwoFactorLoginStatus.Malformed, result.Status);
        Assert.Equal(expected, result.Message);
        Assert.Equal(0, await FailedCountAsync());
    }
}

public sealed class AuthenticatorCodeLoginTests : CodeLoginContract<TwoFactorPortal>
{
    private EnrolledUser _user = default!;

    protected override EnrollmentMethod Method => EnrollmentMethod.BuiltInAuthenticator;

    protected override async Task<TwoFactorPortal> StartAsync()
    {
        var portal = new TwoFactorPortal();
        await portal.SeedAccountsAsync();
        return portal;
    }

    protected override async Task EnrollAsync() => _user = await Portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);

    protected override Task<string> ValidCodeAsync(string challenge) => Task.FromResult(Portal.CurrentCode(_user.Seed));

    protected override Task<string> WrongCodeAsync(string challenge) =>
        Task.FromResult(Portal.CurrentCode(_user.Seed) == "000000" ? "111111" : "000000");
}

public sealed class AuthyCodeLoginTests : CodeLoginContract<AuthyPortal>
{
    private string _authyId = default!;

    protected override EnrollmentMethod Method => EnrollmentMethod.Authy;

    protected override Task<AuthyPortal> StartAsync() => AuthyPortal.StartAsync();

    protected override async Task EnrollAsync() => (_authyId, _) = await Portal.EnrollWithAuthyAsync(PortalFactory.UserEmail);

    protected override Task<string> ValidCodeAsync(string challenge) => Task.FromResult(Portal.Authy.CurrentTokenFor(_authyId));

    protected override Task<string> WrongCodeAsync(string challenge) =>
        Task.FromResult(Portal.Authy.CurrentTokenFor(_authyId) == "0000000" ? "1111111" : "0000000");
}

public sealed class TwilioVerifyCodeLoginTests : CodeLoginContract<TwilioVerifyPortal>
{
    protected override EnrollmentMethod Method => EnrollmentMethod.TwilioVerify;

    protected override Task<TwilioVerifyPortal> StartAsync() => TwilioVerifyPortal.StartAsync();

    protected override Task EnrollAsync() => Portal.EnrollWithTwilioVerifyAsync(PortalFactory.UserEmail);

    protected override async Task<string> ValidCodeAsync(string challenge)
    {
        Assert.Equal(CodeDeliveryStatus.Sent, (await SendAsync(challenge, CodeChannel.Sms)).Status);
        return Portal.Verify.LastCodeTo(TwilioVerifyPortal.Phone);
    }

    protected override async Task<string> WrongCodeAsync(string challenge)
    {
        var code = await ValidCodeAsync(challenge);
        return code == "000000" ? "111111" : "000000";
    }
}

public sealed class RecoveryCodeLoginTests : CodeLoginContract<TwoFactorPortal>
{
    private EnrolledUser _user = default!;

    protected override EnrollmentMethod Method => EnrollmentMethod.RecoveryCode;

    protected override string MalformedCode => "ABCDE";

    protected override async Task<TwoFactorPortal> StartAsync()
    {
        var portal = new TwoFactorPortal();
        await portal.SeedAccountsAsync();
        return portal;
    }

    protected override async Task EnrollAsync() => _user = await Portal.EnrollAuthenticatorAsync(PortalFactory.UserEmail);

    // The recovery codes come after the user's factors at the prompt.
    protected override Task<string> ValidCodeAsync(string challenge) => Task.FromResult(_user.RecoveryCodes[0]);

    protected override Task<string> WrongCodeAsync(string challenge) => Task.FromResult("ZZZZZ-ZZZZZ");
}
