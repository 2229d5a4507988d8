using Lucy.Portal.Core.Auditing;

namespace Lucy.Portal.Middleware;

/// <summary>Makes the request's client address the one audit rows carry while the request is handled.</summary>
internal sealed class AuditClientAddress(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (AuditClient.Use(context.Connection.RemoteIpAddress?.ToString()))
        {
            await next(context);
        }
    }
}
