using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Components.Account;

/// <summary>
/// The account components with Authy pointed at the class's fake Authy server and a fake clock for the portal.
/// Nothing is saved up front: a test saves the key and the phone it needs.
/// </summary>
public abstract class AuthyAccountComponentTestBase : AccountComponentTestBase, IClassFixture<FakeAuthyServerFixture>
{
    protected const string PhoneNumber = "+41791234567";

    protected AuthyAccountComponentTestBase(FakeAuthyServerFixture authy)
        : this(authy.Server, new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private AuthyAccountComponentTestBase(FakeAuthyServer authy, FakeTimeProvider clock)
        : base(
            new Dictionary<string, string?>
            {
                ["Authy:BaseUrl"] = authy.BaseAddress.ToString(),
                // A refused call is final at once: retry backoffs would wait on the fake clock, which never moves by itself.
                ["Authy:MaxRetries"] = "0",
            },
            services => services.AddSingleton<TimeProvider>(clock))
    {
        authy.Reset();
        Authy = authy;
        Clock = clock;
    }

    protected FakeAuthyServer Authy { get; }

    protected FakeTimeProvider Clock { get; }

    /// <summary>Saves the fake's key through Advanced Settings, as an administrator would: Authy becomes the provider.</summary>
    protected async Task SaveAuthyKeyAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AuthyKeySettings>()
            .SetKeyAsync(FakeAuthyServer.DefaultApiKey, new SettingsActor("test", Email));
        Assert.True(saved.Succeeded, saved.Message);
    }

    /// <summary>The mobile number the Account page would have saved.</summary>
    protected Task SavePhoneAsync() =>
        WithUserAsync<UserManager<PortalUser>, IdentityResult>((users, user) =>
        {
            user.PhoneNumber = PhoneNumber;
            user.PhoneCountryCode = 41;
            user.PhoneRegion = "CH";
            return users.UpdateAsync(user);
        });
}
