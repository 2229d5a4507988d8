using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Settings;

public class AuthyKeySettingsTests
{
    [Fact]
    public async Task A_key_Authy_accepts_is_stored_and_makes_Authy_the_provider()
    {
        await using var host = new SettingsTestHost();

        var result = await host.SetKeyAsync(SettingsTestHost.ValidKey);

        Assert.Equal(AuthyKeyOutcome.Saved, result.Outcome);
        Assert.Equal("Lucy Test App", result.ApplicationName);
        Assert.True(result.SmsEnabled);
        Assert.False(result.VoiceEnabled);
        Assert.True(result.OneTouchEnabled);
        Assert.Equal("••••••••1234", result.MaskedKey);
        var settings = await host.GetAsync();
        Assert.Equal(TwoFactorProviderKind.Authy, settings.TwoFactorProvider);
        Assert.Equal("••••••••1234", settings.MaskedAuthyApiKey);
        Assert.Equal(SettingsTestHost.ValidKey, await host.Services.GetRequiredService<IAuthyApiKeySource>().GetApiKeyAsync());
    }

    [Fact]
    public async Task The_key_is_trimmed_before_it_is_checked_and_stored()
    {
        await using var host = new SettingsTestHost();

        await host.SetKeyAsync("  " + SettingsTestHost.ValidKey + " ");

        Assert.Equal([SettingsTestHost.ValidKey], host.KeyCheck.CheckedKeys);
    }

    [Theory]
    [InlineData(AuthyKeyCheckStatus.InvalidKey, AuthyKeyOutcome.InvalidKey)]
    [InlineData(AuthyKeyCheckStatus.Unavailable, AuthyKeyOutcome.Unavailable)]
    public async Task A_refused_or_unchecked_key_keeps_the_previous_key(AuthyKeyCheckStatus status, AuthyKeyOutcome expected)
    {
        await using var host = new SettingsTestHost();
        await host.SetKeyAsync(SettingsTestHost.ValidKey);
        host.KeyCheck.Answer = new AuthyKeyCheckResult(status);

        var result = await host.SetKeyAsync(SettingsTestHost.OtherValidKey);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains("previous setting is kept", result.Message);
        Assert.Equal(SettingsTestHost.ValidKey, await host.Services.GetRequiredService<IAuthyApiKeySource>().GetApiKeyAsync());
        Assert.Equal("••••••••1234", (await host.GetAsync()).MaskedAuthyApiKey);
    }

    [Fact]
    public async Task A_refused_first_key_leaves_the_private_default()
    {
        await using var host = new SettingsTestHost();
        host.KeyCheck.Answer = new AuthyKeyCheckResult(AuthyKeyCheckStatus.InvalidKey);

        await host.SetKeyAsync(SettingsTestHost.ValidKey);

        Assert.Null(await host.Services.GetRequiredService<IAuthyApiKeySource>().GetApiKeyAsync());
        Assert.Equal(TwoFactorProviderKind.BuiltInAuthenticator, (await host.GetAsync()).TwoFactorProvider);
    }

    [Fact]
    public async Task A_malformed_key_is_refused_without_asking_Authy()
    {
        await using var host = new SettingsTestHost();

        var result = await host.SetKeyAsync("not-a-key!");

        Assert.Equal(AuthyKeyOutcome.InvalidFormat, result.Outcome);
        Assert.Empty(host.KeyCheck.CheckedKeys);
        Assert.Equal("", host.RawSettingsRow());
    }

    [Fact]
    public async Task Without_an_Authy_client_no_key_can_be_stored()
    {
        await using var host = new SettingsTestHost(withKeyCheck: false);

        var result = await host.SetKeyAsync(SettingsTestHost.ValidKey);

        Assert.Equal(AuthyKeyOutcome.Unavailable, result.Outcome);
        Assert.Null((await host.GetAsync()).MaskedAuthyApiKey);
    }

    [Fact]
    public async Task Removing_the_key_returns_to_the_built_in_authenticator()
    {
        await using var host = new SettingsTestHost();
        await host.SetKeyAsync(SettingsTestHost.ValidKey);

        var result = await host.InScopeAsync(sp => sp.GetRequiredService<AuthyKeySettings>().RemoveKeyAsync(host.Admin));

        Assert.True(result.Succeeded);
        var settings = await host.GetAsync();
        Assert.Equal(TwoFactorProviderKind.BuiltInAuthenticator, settings.TwoFactorProvider);
        Assert.Null(settings.MaskedAuthyApiKey);
        Assert.Null(await host.Services.GetRequiredService<IAuthyApiKeySource>().GetApiKeyAsync());
    }

    [Fact]
    public async Task Switching_to_the_built_in_authenticator_keeps_the_key_but_stops_giving_it_out()
    {
        await using var host = new SettingsTestHost();
        await host.SetKeyAsync(SettingsTestHost.ValidKey);

        await host.SaveAsync(new TwoFactorProviderSection(TwoFactorProviderKind.BuiltInAuthenticator));

        Assert.Equal("••••••••1234", (await host.GetAsync()).MaskedAuthyApiKey);
        Assert.Null(await host.Services.GetRequiredService<IAuthyApiKeySource>().GetApiKeyAsync());
    }

    [Fact]
    public async Task The_shared_evaluation_key_is_not_offered_without_configuration()
    {
        await using var host = new SettingsTestHost();

        var keys = host.Services.CreateScope().ServiceProvider.GetRequiredService<AuthyKeySettings>();

        Assert.False(keys.SharedEvaluationKeyOffered);
        Assert.Equal(AuthyKeyOutcome.Unavailable, (await keys.UseSharedEvaluationKeyAsync(host.Admin)).Outcome);
    }

    [Fact]
    public async Task The_shared_evaluation_key_goes_through_the_check_and_is_audited_as_shared()
    {
        await using var host = new SettingsTestHost(sharedEvaluationKey: SettingsTestHost.OtherValidKey);

        var result = await host.InScopeAsync(sp => sp.GetRequiredService<AuthyKeySettings>().UseSharedEvaluationKeyAsync(host.Admin));

        Assert.True(result.Succeeded);
        Assert.Equal([SettingsTestHost.OtherValidKey], host.KeyCheck.CheckedKeys);
        Assert.True((await host.GetAsync()).AuthyKeyIsSharedEvaluationKey);
        Assert.Contains(await host.AuditAsync(), e => e.Detail!.Contains("shared evaluation key", StringComparison.Ordinal));
    }
}
