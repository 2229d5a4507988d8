using System.Net;
using Lucy.Portal.Core.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>
/// The portal with a movable clock, and a client address each test session chooses (the in-memory server has none):
/// the <see cref="ClientAddressHeader"/> header becomes the connection's remote address.
/// </summary>
public sealed class SecurityImagePortal : PortalFactory
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public SecurityImagePortal() => Clock = Time;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();

    public PortalSession CreateSession(string clientAddress)
    {
        var session = CreateSession();
        session.Client.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress);
        return session;
    }

    public async Task EnableAsync(int afterFailures)
    {
        await using var scope = Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<AdvancedSettingsService>()
            .SaveAsync(new SecurityImageSection(true, afterFailures), new SettingsActor("test", AdminEmail));
        Assert.True(saved.Succeeded);
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
