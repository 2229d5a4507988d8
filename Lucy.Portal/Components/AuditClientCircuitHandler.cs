using Lucy.Portal.Core.Auditing;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Lucy.Portal.Components;

/// <summary>
/// An interactive circuit outlives the request that opened it, so the audit address is set again around each of its
/// activities (clicks, timers' renders, JS calls): the address of the connection the circuit currently runs on.
/// </summary>
internal sealed class AuditClientCircuitHandler(IHttpContextAccessor httpContext) : CircuitHandler
{
    // Created while the circuit starts, inside the request of its connection.
    private string? _ipAddress = httpContext.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? AuditClient.IpAddress;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // A reconnection may come from another address (a phone changing networks).
        if (httpContext.HttpContext?.Connection.RemoteIpAddress?.ToString() is { } current)
        {
            _ipAddress = current;
        }
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using (AuditClient.Use(_ipAddress))
            {
                await next(context);
            }
        };
}
