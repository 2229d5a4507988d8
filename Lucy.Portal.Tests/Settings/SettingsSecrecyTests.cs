using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Tests.Settings;

public class SettingsSecrecyTests
{
    private const string ProxyPassword = "Pr0xyPassw0rdNobodyMaySee";

    private static async Task<SettingsTestHost> HostWithSecretsAsync()
    {
        var host = new SettingsTestHost();
        await host.SetKeyAsync(SettingsTestHost.ValidKey);
        await host.SaveAsync(new ProxySection(true, "http://proxy.example.com:3128", "proxyuser", ProxyPassword));
        return host;
    }

    [Fact]
    public async Task Secrets_are_not_stored_in_clear_in_the_database()
    {
        await using var host = await HostWithSecretsAsync();

        var row = host.RawSettingsRow();

        Assert.Contains("proxy.example.com", row); // the row is there...
        Assert.DoesNotContain(SettingsTestHost.ValidKey, row); // ...its secrets are not
        Assert.DoesNotContain(ProxyPassword, row);
    }

    [Fact]
    public async Task Secrets_never_reach_the_log()
    {
        await using var host = await HostWithSecretsAsync();
        host.KeyCheck.Answer = new(Lucy.Portal.Core.Authy.AuthyKeyCheckStatus.InvalidKey);
        await host.SetKeyAsync(SettingsTestHost.OtherValidKey);

        var log = host.Logs.AllText;

        Assert.NotEmpty(host.Logs.Messages);
        Assert.DoesNotContain(SettingsTestHost.ValidKey, log);
        Assert.DoesNotContain(SettingsTestHost.OtherValidKey, log);
        Assert.DoesNotContain(ProxyPassword, log);
    }

    [Fact]
    public async Task The_audit_log_names_the_key_only_by_its_last_four_characters()
    {
        await using var host = await HostWithSecretsAsync();

        var audit = await host.AuditAsync();
        var details = string.Join("\n", audit.Select(e => e.Detail));

        Assert.DoesNotContain(SettingsTestHost.ValidKey, details);
        Assert.DoesNotContain(ProxyPassword, details);
        Assert.Contains("Authy API key: not set → set (••••••••1234)", details);
        Assert.Contains("Proxy password: not set → set", details);
    }

    [Fact]
    public async Task The_snapshot_the_UI_reads_holds_no_secret()
    {
        await using var host = await HostWithSecretsAsync();

        var printed = (await host.GetAsync()).ToString();

        Assert.DoesNotContain(SettingsTestHost.ValidKey, printed);
        Assert.DoesNotContain(ProxyPassword, printed);
        Assert.Contains("••••••••1234", printed);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("abcd", "••••••••")]
    [InlineData("AbCdEfGhIjKlMnOpQrStUvWx1234", "••••••••1234")]
    public void The_mask_shows_the_last_four_characters_only(string? secret, string? expected) =>
        Assert.Equal(expected, SecretMask.LastFour(secret));
}
