using Lucy.Portal.Extensions;

namespace Lucy.Portal.Middleware;

/// <summary>
/// Holds each request until the database is initialized (<see cref="DatabaseStartup"/>); placed before the first
/// middleware that reads the database or answers. After a failed initialization it answers 503 while the host stops.
/// </summary>
internal sealed class StartupGate(RequestDelegate next, DatabaseStartup startup)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var ready = startup.Ready;
        if (!ready.IsCompletedSuccessfully)
        {
            try
            {
                await ready.WaitAsync(context.RequestAborted);
            }
            catch (Exception) when (ready.IsFaulted)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
        }
        await next(context);
    }
}
