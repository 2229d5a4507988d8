using Microsoft.AspNetCore.Diagnostics;
using Lucy.Portal.Core.Accounts;

namespace Lucy.Portal.Middleware;

/// <summary>
/// Until the first administrator exists every page leads to /setup; afterwards /setup answers 404 for good.
/// </summary>
internal sealed class FirstRunGate(RequestDelegate next, AdministratorPresence administrators)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (PortalPaths.IsAlwaysOpen(path))
        {
            await next(context);
            return;
        }

        var isSetup = path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase);
        var hasAdministrator = await administrators.ExistsAsync();
        if (isSetup && hasAdministrator)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                // Re-executing a POST as the not-found page would only fail antiforgery with a 400.
                // A setup form posted after another browser (or instance) finished setup gets a plain answer.
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(FirstAdministratorSetup.AlreadyDoneMessage);
            }
            return;
        }
        if (!isSetup && !hasAdministrator)
        {
            context.Response.Redirect(SetupPath);
            return;
        }
        await next(context);
    }
}
