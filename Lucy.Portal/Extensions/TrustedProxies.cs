using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Lucy.Portal.Extensions;

/// <summary>
/// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the portal believes (section "ForwardedHeaders":
/// KnownProxies, KnownNetworks; loopback when neither is set). Anyone else's forwarded headers are ignored, so a
/// client cannot choose its own address for the rate limit or the audit log.
/// </summary>
internal static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        // Registered after the host's own setup, so it also replaces the trust-everyone lists that
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true would leave behind.
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IConfiguration>((options, configuration) => Apply(options, configuration.GetSection(Section)))
            .ValidateOnStart();
        return services;
    }

    private static void Apply(ForwardedHeadersOptions options, IConfigurationSection section)
    {
        var proxies = Entries(section, "KnownProxies")
            .Select(entry => IPAddress.TryParse(entry, out var address) ? address : throw Invalid("KnownProxies", entry, "an IP address"))
            .ToList();
        var networks = Entries(section, "KnownNetworks")
            .Select(entry => IPNetwork.TryParse(entry, out var network) ? network : throw Invalid("KnownNetworks", entry, "a network such as 172.30.0.0/24"))
            .ToList();

        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // One proxy in front: only the address it appended counts, never what the client wrote before it.
        options.ForwardLimit = 1;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        if (proxies.Count == 0 && networks.Count == 0)
        {
            // Both lists empty would trust everyone: without configuration only a proxy on this machine is believed.
            options.KnownIPNetworks.Add(new IPNetwork(IPAddress.Loopback, 8));
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            return;
        }
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }
        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(network);
        }
    }

    // Either a list (KnownProxies:0, KnownProxies:1) or, handier in an environment variable, one comma-separated value.
    private static IEnumerable<string> Entries(IConfigurationSection section, string key)
    {
        var list = section.GetSection(key);
        var values = list.GetChildren().Select(child => child.Value).Append(list.Value);
        return values
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static InvalidOperationException Invalid(string key, string entry, string expected) =>
        new($"{Section}:{key} holds \"{entry}\", which is not {expected}.");
}
