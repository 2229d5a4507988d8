using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Lucy.Portal.Extensions;

/// <summary>Tells whoever started the portal where to open it and, on a first run, that the setup page awaits.</summary>
public static class StartupAnnouncement
{
    public static WebApplication AnnounceLucyPortal(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync(app));
        return app;
    }

    private static async Task AnnounceAsync(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Lucy.Portal");
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                .Select(a => a.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal))
                .OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 0 : 1)
                .FirstOrDefault();
            if (address is null)
            {
                return;
            }
            if (await app.Services.GetRequiredService<AdministratorPresence>().ExistsAsync())
            {
                logger.LogInformation("Lucy Portal is ready: open {Address} in a browser.", address);
            }
            else
            {
                logger.LogInformation("Lucy Portal is ready. First run: open {Address}/setup in a browser to create the first administrator.", address.TrimEnd('/'));
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell where the portal listens.");
        }
    }
}
