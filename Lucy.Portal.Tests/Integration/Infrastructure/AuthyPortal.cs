using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>A portal whose Authy is the fake on loopback, with the key saved through Advanced Settings.</summary>
public sealed class AuthyPortal(FakeAuthyServer authy) : TwoFactorPortal
{
    public FakeAuthyServer Authy { get; } = authy;

    public static async Task<AuthyPortal> StartAsync()
    {
        var authy = await FakeAuthyServer.StartAsync();
        var portal = new AuthyPortal(authy);
        portal.Settings["Authy:BaseUrl"] = authy.BaseAddress.ToString();
        await portal.SeedAccountsAsync();
        await using var scope = portal.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AuthyKeySettings>()
            .SetKeyAsync(FakeAuthyServer.DefaultApiKey, new SettingsActor("test", AdminEmail));
        Assert.True(saved.Succeeded, saved.Message);
        return portal;
    }

    /// <summary>Registers the user with the fake Authy as the enrollment wizard would, with 2FA on and recovery codes.</summary>
    public async Task<(string AuthyId, IReadOnlyList<string> RecoveryCodes)> EnrollWithAuthyAsync(string email, bool hasApp = true)
    {
        var authyUser = Authy.SeedUser(email, "41", "791234567", hasApp: hasApp, confirmed: true);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.AuthyId = authyUser.Id;
        user.PhoneNumber = "+41791234567";
        user.PhoneCountryCode = 41;
        user.TwoFactorEnabled = true;
        await users.UpdateAsync(user);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return (authyUser.Id, codes);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Authy.DisposeAsync();
    }
}
