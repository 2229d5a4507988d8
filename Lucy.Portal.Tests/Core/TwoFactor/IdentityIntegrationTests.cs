using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lucy.Portal.Tests.Core.TwoFactor;

/// <summary>The built-in authenticator and recovery codes as Identity's UserManager (and so SignInManager) sees them.</summary>
public class IdentityIntegrationTests : TwoFactorDatabaseTests
{
    [Fact]
    public async Task Identity_uses_the_built_in_authenticator_and_the_portal_user_manager()
    {
        await using var scope = Host.CreateScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.Tokens;

        Assert.Equal(BuiltInAuthenticatorTokenProvider.ProviderName, tokens.AuthenticatorTokenProvider);
        Assert.DoesNotContain(TokenOptions.DefaultAuthenticatorProvider, tokens.ProviderMap.Keys);
        Assert.IsType<PortalUserManager>(scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>());
    }

    [Fact]
    public async Task Authenticator_token_is_accepted_once_and_a_replay_is_refused()
    {
        var user = await Host.CreateUserAsync();
        var seed = await Host.EnrollAsync(user);
        var code = Host.CodeAt(seed, 0);

        Assert.True(await VerifyTokenAsync(user, code));
        Assert.False(await VerifyTokenAsync(user, code));
    }

    [Fact]
    public async Task Authenticator_is_a_valid_two_factor_provider_only_once_confirmed()
    {
        var user = await Host.CreateUserAsync();
        var seed = TwoFactorTestHost.SeedOf(await Host.StartEnrollmentAsync(user));

        Assert.DoesNotContain(BuiltInAuthenticatorTokenProvider.ProviderName, await ValidProvidersAsync(user));
        await Host.ConfirmAsync(user, Host.CodeAt(seed, 0));
        Assert.Contains(BuiltInAuthenticatorTokenProvider.ProviderName, await ValidProvidersAsync(user));
    }

    [Fact]
    public async Task Recovery_code_redeems_once_through_the_user_manager()
    {
        var user = await Host.CreateUserAsync();
        await using var scope = Host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var tracked = (await users.FindByIdAsync(user.Id))!;
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(tracked, 10))!.ToList();

        Assert.Equal(10, await users.CountRecoveryCodesAsync(tracked));
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(tracked, codes[0])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(tracked, codes[0])).Succeeded);
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(tracked, codes[1])).Succeeded);
        Assert.Equal(8, await users.CountRecoveryCodesAsync(tracked));
    }

    [Fact]
    public async Task Nothing_is_written_to_the_user_tokens_table()
    {
        var user = await Host.CreateUserAsync();
        await Host.EnrollAsync(user);
        await using (var scope = Host.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!, 10);
        }

        await using var connection = Host.OpenRawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AspNetUserTokens";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_toward_lockout_and_a_locked_out_user_cannot_redeem()
    {
        var user = await Host.CreateUserAsync();
        await using var scope = Host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var tracked = (await users.FindByIdAsync(user.Id))!;
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(tracked, 10))!.ToList();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(tracked, "AAAAA-AAAAA")).Succeeded);
        }

        Assert.True(await users.IsLockedOutAsync(tracked));
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(tracked, codes[0])).Succeeded);
        Assert.Equal(10, await users.CountRecoveryCodesAsync(tracked));
    }

    private async Task<bool> VerifyTokenAsync(PortalUser user, string code)
    {
        await using var scope = Host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var provider = users.Options.Tokens.AuthenticatorTokenProvider;
        return await users.VerifyTwoFactorTokenAsync((await users.FindByIdAsync(user.Id))!, provider, code);
    }

    private async Task<IList<string>> ValidProvidersAsync(PortalUser user)
    {
        await using var scope = Host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetValidTwoFactorProvidersAsync((await users.FindByIdAsync(user.Id))!);
    }
}
