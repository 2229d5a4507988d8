using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Settings;

public class SettingsCacheTests
{
    [Fact]
    public async Task A_save_is_seen_at_once_by_readers_that_had_cached_the_old_settings()
    {
        await using var host = new SettingsTestHost();
        var keySource = host.Services.GetRequiredService<IAuthyApiKeySource>();
        Assert.Null(await keySource.GetApiKeyAsync()); // now cached

        await host.SetKeyAsync(SettingsTestHost.ValidKey);
        await host.SaveAsync(new LockoutSection(7, 15));

        Assert.Equal(SettingsTestHost.ValidKey, await keySource.GetApiKeyAsync());
        var fromAnotherScope = await host.GetAsync();
        Assert.Equal(7, fromAnotherScope.MaxFailedAccessAttempts);
        Assert.Equal(15, fromAnotherScope.LockoutMinutes);
    }

    [Fact]
    public async Task The_outbound_proxy_follows_the_saved_settings()
    {
        await using var host = new SettingsTestHost();
        var proxy = host.Services.GetRequiredService<IOutboundProxySource>();
        Assert.Null(proxy.Current);

        await host.SaveAsync(new ProxySection(true, "http://proxy.example.com:3128", "proxyuser", "secret-password"));
        var current = proxy.Current;

        Assert.NotNull(current);
        Assert.Equal(new Uri("http://proxy.example.com:3128"), current.Address);
        Assert.Equal("proxyuser", current.UserName);
        Assert.Equal("secret-password", current.Password);

        await host.SaveAsync(new ProxySection(false, "http://proxy.example.com:3128", "proxyuser"));
        Assert.Null(proxy.Current);
    }

    [Fact]
    public async Task An_empty_proxy_password_keeps_the_stored_one_and_remove_deletes_it()
    {
        await using var host = new SettingsTestHost();
        var proxy = host.Services.GetRequiredService<IOutboundProxySource>();
        await host.SaveAsync(new ProxySection(true, "http://proxy.example.com:3128", "u", "first-password"));

        await host.SaveAsync(new ProxySection(true, "http://proxy.example.com:8080", "u", NewPassword: ""));
        Assert.Equal("first-password", proxy.Current!.Password);

        await host.SaveAsync(new ProxySection(true, "http://proxy.example.com:8080", "u", RemovePassword: true));
        Assert.Null(proxy.Current!.Password);
        Assert.False((await host.GetAsync()).HasProxyPassword);
    }
}
