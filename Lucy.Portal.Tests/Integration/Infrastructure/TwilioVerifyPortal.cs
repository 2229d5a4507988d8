using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>A portal whose Twilio Verify is the fake on loopback, with the credentials saved through Advanced Settings.</summary>
public sealed class TwilioVerifyPortal(FakeTwilioVerifyServer verify) : TwoFactorPortal
{
    public const string Phone = "+41791234567";

    public FakeTwilioVerifyServer Verify { get; } = verify;

    public static async Task<TwilioVerifyPortal> StartAsync()
    {
        var verify = await FakeTwilioVerifyServer.StartAsync();
        var portal = new TwilioVerifyPortal(verify);
        portal.Settings["TwilioVerify:BaseUrl"] = verify.BaseAddress.ToString();
        await portal.SeedAccountsAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<TwilioVerifySettings>().SetCredentialsAsync(
            FakeTwilioVerifyServer.DefaultAccountSid, FakeTwilioVerifyServer.DefaultAuthToken, FakeTwilioVerifyServer.DefaultServiceSid,
            new SettingsActor("test", AdminEmail));
        Assert.True(saved.Succeeded, saved.Message);
        return portal;
    }

    /// <summary>Saves the user's mobile number (unconfirmed), as the Account page would.</summary>
    public async Task SavePhoneAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.PhoneNumber = Phone;
        user.PhoneCountryCode = 41;
        user.PhoneRegion = "CH";
        await users.UpdateAsync(user);
    }

    /// <summary>The state the wizard leaves: phone confirmed for Verify, 2FA on, recovery codes.</summary>
    public async Task<IReadOnlyList<string>> EnrollWithTwilioVerifyAsync(string email)
    {
        await SavePhoneAsync(email);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.PhoneNumberConfirmed = true;
        user.TwoFactorViaTwilioVerify = true;
        user.TwoFactorEnabled = true;
        await users.UpdateAsync(user);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Verify.DisposeAsync();
    }
}
