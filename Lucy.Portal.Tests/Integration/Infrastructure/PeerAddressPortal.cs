using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>
/// A portal whose requests come from the address a test names: TestServer sets no remote address, so a test-only
/// startup filter, ahead of everything the portal or the host adds, copies it from <see cref="PeerHeader"/>.
/// </summary>
public sealed class PeerAddressPortal : PortalFactory
{
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>A visitor whose TCP connection comes from <paramref name="peer"/>.</summary>
    public PortalSession CreateSession(string peer)
    {
        var session = CreateSession();
        session.Client.DefaultRequestHeaders.Add(PeerHeader, peer);
        return session;
    }

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, PeerAddressFromHeader>());

    private sealed class PeerAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                    context.Request.Headers.Remove(PeerHeader);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
