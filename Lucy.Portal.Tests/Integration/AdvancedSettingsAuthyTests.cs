using System.Net;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration;

/// <summary>The Authy key of Advanced Settings through the real portal's services, checked against the fake Authy server.</summary>
public sealed class AdvancedSettingsAuthyTests : IAsyncLifetime
{
    private const string WrongKey = "WrongKeyAbCdEfGh0123456789xyzQRS";
    private const string GoodKey = FakeAuthyServer.DefaultApiKey;

    private static readonly SettingsActor Admin = new("admin-id", PortalFactory.AdminEmail, "127.0.0.1");

    private readonly PortalFactory _portal = new();
    private FakeAuthyServer _authy = default!;

    public async Task InitializeAsync()
    {
        _authy = await FakeAuthyServer.StartAsync();
        _authy.AppName = "Harbour Lights Awareness";
        _authy.PhoneCallsEnabled = false;
        _portal.UseFakeAuthy(_authy);
        await _portal.SeedAccountsAsync();
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _authy.DisposeAsync();
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<AuthyKeyResult> SetKeyAsync(string key) =>
        InScopeAsync(sp => sp.GetRequiredService<AuthyKeySettings>().SetKeyAsync(key, Admin));

    private Task<string?> StoredKeyAsync() =>
        InScopeAsync(async sp => await sp.GetRequiredService<IAuthyApiKeySource>().GetApiKeyAsync());

    private Task<AdvancedSettingsSnapshot> SettingsAsync() =>
        InScopeAsync(async sp => await sp.GetRequiredService<AdvancedSettingsService>().GetAsync());

    private async Task<List<AuditEvent>> AuditAsync()
    {
        var all = await InScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        return all.Where(e => e.Event.StartsWith("settings.", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task A_key_authy_accepts_is_saved_with_the_application_name_and_capabilities()
    {
        var result = await SetKeyAsync(GoodKey);

        Assert.Equal(AuthyKeyOutcome.Saved, result.Outcome);
        Assert.Equal("Harbour Lights Awareness", result.ApplicationName);
        Assert.Equal((true, false, true), (result.SmsEnabled, result.VoiceEnabled, result.OneTouchEnabled));
        Assert.Equal(SecretMask.LastFour(GoodKey), result.MaskedKey);
        Assert.Equal(GoodKey, await StoredKeyAsync());
        var settings = await SettingsAsync();
        Assert.True(settings.UsesAuthy);
        Assert.Equal(SecretMask.LastFour(GoodKey), settings.MaskedAuthyApiKey);
    }

    [Fact]
    public async Task Saving_the_key_after_an_outage_tripped_the_breaker_asks_Authy_instead_of_saying_it_is_unreachable()
    {
        await SetKeyAsync(GoodKey);
        var user = _authy.SeedUser();
        _authy.SetFault(FakeAuthyEndpoint.Sms, FakeAuthyFault.Unavailable());
        for (var i = 0; i < 5; i++)
        {
            await InScopeAsync(sp => sp.GetRequiredService<AuthyCodeSender>().SendSmsAsync(user.Id));
        }
        _authy.ClearFaults();
        var before = _authy.Requests.Count;
        Assert.Equal(AuthyStatus.Unavailable, (await InScopeAsync(sp => sp.GetRequiredService<AuthyCodeSender>().SendSmsAsync(user.Id))).Status);
        Assert.Equal(before, _authy.Requests.Count);

        var result = await SetKeyAsync(GoodKey);

        Assert.Equal(AuthyKeyOutcome.Saved, result.Outcome);
        Assert.DoesNotContain("could not be reached", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(FakeAuthyEndpoint.AppDetails, Assert.Single(_authy.Requests.Skip(before)).Endpoint);
    }

    [Fact]
    public async Task The_settings_page_shows_the_saved_key_only_masked()
    {
        await SetKeyAsync(GoodKey);
        using var session = _portal.CreateSession();
        using var login = await session.LoginAsync(PortalFactory.AdminEmail, PortalFactory.Password);
        ResponseAssert.RedirectsTo(login, "/");

        using var page = await session.GetAsync("/system/advanced-settings");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains(SecretMask.LastFour(GoodKey)!, html);
        Assert.Contains("Login information (email, phone number, login times) is sent to Authy.", html);
        Assert.DoesNotContain(GoodKey, html);
        Assert.DoesNotContain("data-testid=\"settings-private-default\"", html);
    }

    [Fact]
    public async Task After_saving_an_authy_call_carries_the_key_only_in_the_header()
    {
        await SetKeyAsync(GoodKey);
        var before = _authy.Requests.Count;

        var details = await InScopeAsync(sp => sp.GetRequiredService<AuthyApplicationProbe>().GetDetailsAsync());

        Assert.Equal(AuthyStatus.Ok, details.Status);
        Assert.Equal("Harbour Lights Awareness", details.Value!.Name);
        var request = Assert.Single(_authy.Requests.Skip(before));
        Assert.Equal(FakeAuthyEndpoint.AppDetails, request.Endpoint);
        Assert.Equal(GoodKey, request.Header("X-Authy-API-Key"));
        Assert.DoesNotContain(GoodKey, request.Path + request.QueryString, StringComparison.Ordinal);
        Assert.Empty(request.Form);
    }

    [Fact]
    public async Task A_key_authy_refuses_is_not_stored_and_the_old_key_stays()
    {
        await SetKeyAsync(GoodKey);

        var result = await SetKeyAsync(WrongKey);

        Assert.Equal(AuthyKeyOutcome.InvalidKey, result.Outcome);
        Assert.Contains("Authy refused this key", result.Message);
        Assert.Contains("The previous setting is kept", result.Message);
        Assert.Equal(WrongKey, _authy.Requests[^1].Header("X-Authy-API-Key"));
        Assert.Equal(GoodKey, await StoredKeyAsync());
        Assert.Equal(SecretMask.LastFour(GoodKey), (await SettingsAsync()).MaskedAuthyApiKey);
    }

    [Fact]
    public async Task A_key_cannot_be_saved_while_authy_answers_503_and_the_old_key_stays()
    {
        await SetKeyAsync(GoodKey);
        _authy.SetFault(FakeAuthyEndpoint.AppDetails, FakeAuthyFault.Unavailable());

        var result = await SetKeyAsync(GoodKey[..^4] + "ZZZZ");

        Assert.Equal(AuthyKeyOutcome.Unavailable, result.Outcome);
        Assert.Contains("Authy could not be reached", result.Message);
        Assert.Equal(GoodKey, await StoredKeyAsync());
    }

    [Fact]
    public async Task A_key_cannot_be_saved_while_authy_is_stopped_and_the_old_key_stays()
    {
        await SetKeyAsync(GoodKey);
        await _authy.StopAsync();

        var result = await SetKeyAsync(WrongKey);

        Assert.Equal(AuthyKeyOutcome.Unavailable, result.Outcome);
        Assert.Contains("The previous setting is kept", result.Message);
        Assert.Equal(GoodKey, await StoredKeyAsync());
    }

    [Fact]
    public async Task A_first_key_cannot_be_saved_while_authy_is_stopped_so_the_private_default_stays()
    {
        await _authy.StopAsync();

        var result = await SetKeyAsync(GoodKey);

        Assert.Equal(AuthyKeyOutcome.Unavailable, result.Outcome);
        Assert.Null(await StoredKeyAsync());
        Assert.False((await SettingsAsync()).HasAuthyApiKey);
    }

    [Fact]
    public async Task Removing_the_key_returns_to_the_private_default_and_authy_is_no_longer_called()
    {
        await SetKeyAsync(GoodKey);

        var removed = await InScopeAsync(sp => sp.GetRequiredService<AuthyKeySettings>().RemoveKeyAsync(Admin));
        var before = _authy.Requests.Count;
        var details = await InScopeAsync(sp => sp.GetRequiredService<AuthyApplicationProbe>().GetDetailsAsync());

        Assert.True(removed.Succeeded);
        Assert.Null(await StoredKeyAsync());
        var settings = await SettingsAsync();
        Assert.Equal(TwoFactorProviderKind.BuiltInAuthenticator, settings.TwoFactorProvider);
        Assert.False(settings.HasAuthyApiKey);
        Assert.Equal(AuthyStatus.NotConfigured, details.Status);
        Assert.Equal(before, _authy.Requests.Count);
    }

    [Fact]
    public async Task Saves_refusals_and_removal_are_audited_with_the_key_only_masked()
    {
        await SetKeyAsync(GoodKey);
        await SetKeyAsync(WrongKey);
        await InScopeAsync(sp => sp.GetRequiredService<AuthyKeySettings>().RemoveKeyAsync(Admin));

        var audit = await AuditAsync();

        var details = audit.Select(e => $"{e.Event} {e.Outcome} {e.Detail}").ToList();
        Assert.Contains($"{AuditEvents.SettingsChanged} Success Authy API key: not set → set ({SecretMask.LastFour(GoodKey)})", details);
        Assert.Contains($"{AuditEvents.SettingsChanged} Success 2FA provider: BuiltInAuthenticator → Authy", details);
        Assert.Contains($"{AuditEvents.SettingsAuthyKeyRejected} Failure Authy API key not changed: InvalidKey", details);
        Assert.Contains($"{AuditEvents.SettingsChanged} Success Authy API key: removed", details);
        Assert.All(audit, e =>
        {
            Assert.Equal(PortalFactory.AdminEmail, e.ActorEmail);
            Assert.DoesNotContain(GoodKey, e.Detail ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(WrongKey, e.Detail ?? "", StringComparison.Ordinal);
        });
    }
}
