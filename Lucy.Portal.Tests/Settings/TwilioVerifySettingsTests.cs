using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Settings;

public class TwilioVerifySettingsTests
{
    private const string MaskedToken = "••••••••b1a0";

    [Fact]
    public async Task Credentials_Twilio_accepts_are_stored_and_make_Twilio_Verify_the_provider()
    {
        await using var host = new SettingsTestHost();

        var result = await host.SetTwilioAsync();

        Assert.Equal(TwilioVerifySettingsOutcome.Saved, result.Outcome);
        Assert.Equal("Lucy Verify Service", result.ServiceName);
        Assert.Contains("Lucy Verify Service", result.Message);
        Assert.Equal(MaskedToken, result.MaskedAuthToken);
        var settings = await host.GetAsync();
        Assert.Equal(TwoFactorProviderKind.TwilioVerify, settings.TwoFactorProvider);
        Assert.True(settings.UsesTwilioVerify);
        Assert.False(settings.UsesAuthy);
        Assert.Equal((SettingsTestHost.TwilioAccountSid, MaskedToken, SettingsTestHost.TwilioServiceSid),
            (settings.TwilioAccountSid, settings.MaskedTwilioAuthToken, settings.TwilioServiceSid));
        Assert.Equal(new TwilioVerifyCredentials(SettingsTestHost.TwilioAccountSid, SettingsTestHost.TwilioAuthToken, SettingsTestHost.TwilioServiceSid),
            await CredentialsAsync(host));
    }

    [Fact]
    public async Task The_values_are_trimmed_before_they_are_checked_and_stored()
    {
        await using var host = new SettingsTestHost();

        await host.SetTwilioAsync(" " + SettingsTestHost.TwilioAccountSid, SettingsTestHost.TwilioAuthToken + " ", SettingsTestHost.TwilioServiceSid + "\t");

        Assert.Equal([(SettingsTestHost.TwilioAccountSid, SettingsTestHost.TwilioAuthToken, SettingsTestHost.TwilioServiceSid)], host.TwilioCheck.Checked);
    }

    [Theory]
    [InlineData(TwilioVerifyCredentialCheckStatus.InvalidCredentials, TwilioVerifySettingsOutcome.InvalidCredentials)]
    [InlineData(TwilioVerifyCredentialCheckStatus.ServiceNotFound, TwilioVerifySettingsOutcome.ServiceNotFound)]
    [InlineData(TwilioVerifyCredentialCheckStatus.Unavailable, TwilioVerifySettingsOutcome.Unavailable)]
    public async Task Refused_or_unchecked_credentials_keep_the_previous_setting(TwilioVerifyCredentialCheckStatus status, TwilioVerifySettingsOutcome expected)
    {
        await using var host = new SettingsTestHost();
        await host.SetTwilioAsync();
        host.TwilioCheck.Answer = new TwilioVerifyCredentialCheckResult(status);

        var result = await host.SetTwilioAsync(authToken: new string('7', 32));

        Assert.Equal(expected, result.Outcome);
        Assert.Contains("previous setting is kept", result.Message);
        Assert.Equal(SettingsTestHost.TwilioAuthToken, (await CredentialsAsync(host))?.AuthToken);
        Assert.Equal(MaskedToken, (await host.GetAsync()).MaskedTwilioAuthToken);
    }

    [Fact]
    public async Task Refused_first_credentials_leave_the_private_default()
    {
        await using var host = new SettingsTestHost();
        host.TwilioCheck.Answer = new TwilioVerifyCredentialCheckResult(TwilioVerifyCredentialCheckStatus.InvalidCredentials);

        await host.SetTwilioAsync();

        Assert.Null(await CredentialsAsync(host));
        Assert.Equal(TwoFactorProviderKind.BuiltInAuthenticator, (await host.GetAsync()).TwoFactorProvider);
    }

    [Theory]
    [InlineData("AC123", SettingsFields.TwilioAccountSid)]
    [InlineData("VA11112222333344445555666677778888", SettingsFields.TwilioAccountSid)]
    [InlineData("ACzz112222333344445555666677778888", SettingsFields.TwilioAccountSid)]
    public async Task A_malformed_account_sid_is_refused_without_asking_Twilio(string accountSid, string field)
    {
        await using var host = new SettingsTestHost();

        var result = await host.SetTwilioAsync(accountSid: accountSid);

        Assert.Equal(TwilioVerifySettingsOutcome.InvalidFormat, result.Outcome);
        Assert.NotNull(result.ErrorFor(field));
        Assert.Empty(host.TwilioCheck.Checked);
        Assert.Equal("", host.RawSettingsRow());
    }

    [Fact]
    public async Task Every_malformed_field_gets_its_own_message()
    {
        await using var host = new SettingsTestHost();

        var result = await host.SetTwilioAsync("", "short", "AC11112222333344445555666677778888");

        Assert.Equal("Enter the Account SID.", result.ErrorFor(SettingsFields.TwilioAccountSid));
        Assert.Equal("An Auth Token (or API key secret) has 32 letters and digits.", result.ErrorFor(SettingsFields.TwilioAuthToken));
        Assert.Equal("A Verify Service SID is VA followed by 32 hexadecimal characters.", result.ErrorFor(SettingsFields.TwilioServiceSid));
    }

    [Fact]
    public async Task An_API_key_SID_is_accepted_in_place_of_the_Account_SID()
    {
        await using var host = new SettingsTestHost();

        var result = await host.SetTwilioAsync(accountSid: "SK11112222333344445555666677778888");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task The_auth_token_is_encrypted_at_rest_and_the_sids_are_stored_in_clear()
    {
        await using var host = new SettingsTestHost();

        await host.SetTwilioAsync();

        var row = host.RawSettingsRow();
        Assert.DoesNotContain(SettingsTestHost.TwilioAuthToken, row, StringComparison.Ordinal);
        Assert.Contains($"TwilioAccountSid={SettingsTestHost.TwilioAccountSid}", row, StringComparison.Ordinal);
        Assert.Contains($"TwilioServiceSid={SettingsTestHost.TwilioServiceSid}", row, StringComparison.Ordinal);
        Assert.Matches("ProtectedTwilioAuthToken=[A-Za-z0-9_-]{40,}", row);
    }

    [Fact]
    public async Task Saving_is_audited_with_the_token_masked()
    {
        await using var host = new SettingsTestHost();

        await host.SetTwilioAsync();

        var audit = await host.AuditAsync();
        var details = audit.Select(e => e.Detail).ToList();
        Assert.Contains($"Twilio Auth Token: not set → set ({MaskedToken})", details);
        Assert.Contains($"Twilio Verify Service SID: not set → {SettingsTestHost.TwilioServiceSid}", details);
        Assert.Contains("2FA provider: BuiltInAuthenticator → TwilioVerify", details);
        Assert.All(audit, e => Assert.DoesNotContain(SettingsTestHost.TwilioAuthToken, e.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refused_credentials_are_audited_as_a_failure_without_the_token()
    {
        await using var host = new SettingsTestHost();
        host.TwilioCheck.Answer = new TwilioVerifyCredentialCheckResult(TwilioVerifyCredentialCheckStatus.InvalidCredentials);

        await host.SetTwilioAsync();

        var entry = Assert.Single(await host.AuditAsync());
        Assert.Equal(AuditEvents.SettingsTwilioVerifyRejected, entry.Event);
        Assert.Equal(AuditOutcome.Failure, entry.Outcome);
        Assert.DoesNotContain("b1a0", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_returns_to_the_built_in_authenticator_and_is_audited()
    {
        await using var host = new SettingsTestHost();
        await host.SetTwilioAsync();

        var result = await host.InScopeAsync(sp => sp.GetRequiredService<TwilioVerifySettings>().RemoveAsync(host.Admin));

        Assert.True(result.Succeeded);
        var settings = await host.GetAsync();
        Assert.Equal(TwoFactorProviderKind.BuiltInAuthenticator, settings.TwoFactorProvider);
        Assert.False(settings.HasTwilioVerifyCredentials);
        Assert.Null(await CredentialsAsync(host));
        Assert.Contains("Twilio Auth Token: removed", (await host.AuditAsync()).Select(e => e.Detail));
    }

    [Fact]
    public async Task Switching_to_the_built_in_authenticator_keeps_the_credentials_but_stops_giving_them_out()
    {
        await using var host = new SettingsTestHost();
        await host.SetTwilioAsync();

        await host.SaveAsync(new TwoFactorProviderSection(TwoFactorProviderKind.BuiltInAuthenticator));

        Assert.True((await host.GetAsync()).HasTwilioVerifyCredentials);
        Assert.Null(await CredentialsAsync(host));
        Assert.True((await host.SaveAsync(new TwoFactorProviderSection(TwoFactorProviderKind.TwilioVerify))).Succeeded);
        Assert.NotNull(await CredentialsAsync(host));
    }

    [Fact]
    public async Task Twilio_Verify_cannot_be_chosen_before_credentials_are_stored()
    {
        await using var host = new SettingsTestHost();

        var result = await host.SaveAsync(new TwoFactorProviderSection(TwoFactorProviderKind.TwilioVerify));

        Assert.Equal("Save the Twilio Verify credentials before switching to Twilio Verify.", result.ErrorFor(SettingsFields.TwoFactorProvider));
    }

    [Fact]
    public async Task Removing_a_stored_Authy_key_leaves_Twilio_Verify_in_use()
    {
        await using var host = new SettingsTestHost();
        await host.SetKeyAsync(SettingsTestHost.ValidKey);
        await host.SetTwilioAsync();

        await host.InScopeAsync(sp => sp.GetRequiredService<AuthyKeySettings>().RemoveKeyAsync(host.Admin));

        Assert.True((await host.GetAsync()).UsesTwilioVerify);
    }

    [Fact]
    public async Task A_factory_reset_forgets_the_credentials()
    {
        await using var host = new SettingsTestHost();
        await host.SetTwilioAsync();

        await host.InScopeAsync(sp => sp.GetRequiredService<AdvancedSettingsService>().FactoryResetAsync(SettingsDefaults.FactoryResetConfirmation, host.Admin));

        var settings = await host.GetAsync();
        Assert.Equal((null, null, null), (settings.TwilioAccountSid, settings.MaskedTwilioAuthToken, settings.TwilioServiceSid));
        Assert.Contains("ProtectedTwilioAuthToken=|", host.RawSettingsRow(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_Verify_client_no_credentials_can_be_stored()
    {
        await using var host = new SettingsTestHost(withKeyCheck: false);

        var result = await host.SetTwilioAsync();

        Assert.Equal(TwilioVerifySettingsOutcome.Unavailable, result.Outcome);
        Assert.False((await host.GetAsync()).HasTwilioVerifyCredentials);
    }

    private static Task<TwilioVerifyCredentials?> CredentialsAsync(SettingsTestHost host) =>
        host.Services.GetRequiredService<ITwilioVerifyCredentialSource>().GetCredentialsAsync().AsTask();
}
