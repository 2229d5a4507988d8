using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lucy.Portal.Tests.Fakes;

// Request handling order, as Authy would see it: log the request, apply any fault, check the API key, answer.
public sealed partial class FakeAuthyServer
{
    private const string KeyHeader = "X-Authy-API-Key";

    protected override void Configure(WebApplication app)
    {
        app.UseRouting();
        app.Use(RecordAsync);
        app.Use(ApplyFaultAsync);
        app.Use(CheckApiKeyAsync);
        MapRoutes(app);
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString())
            : [];
        var request = new RecordedAuthyRequest(
            EndpointOf(context),
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            form,
            _time.GetUtcNow());
        lock (_gate)
        {
            _requests.Add(request);
        }

        await next(context);
    }

    private async Task ApplyFaultAsync(HttpContext context, RequestDelegate next)
    {
        var fault = TakeFault(EndpointOf(context));
        if (fault is null)
        {
            await next(context);
            return;
        }

        if (fault.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up: nothing is processed, nothing is sent
            }
        }

        if (fault.ResetConnection)
        {
            context.Abort();
            return;
        }

        if (fault.AnswerLost)
        {
            // Authy does the work (a token is consumed, an SMS goes out) and the answer is lost on the way back:
            // it is written to a buffer nobody reads, then the connection drops before a single byte is sent.
            using var unread = new MemoryStream();
            context.Response.Body = unread;
            await next(context);
            context.Abort();
            return;
        }

        if (fault.MalformedJson)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(FakeAuthyBodies.Malformed);
            return;
        }

        if (fault.StatusCode is { } status)
        {
            context.Response.StatusCode = status;
            if (fault.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            if (fault.Body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(fault.Body);
            }

            return;
        }

        await next(context); // latency only
    }

    private async Task CheckApiKeyAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        var guarded = path.StartsWithSegments("/protected") || path.StartsWithSegments("/onetouch");
        if (guarded && !string.Equals(context.Request.Headers[KeyHeader].ToString(), ApiKey, StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 401, FakeAuthyBodies.InvalidApiKey());
            return;
        }

        await next(context);
    }

    private FakeAuthyFault? TakeFault(FakeAuthyEndpoint? endpoint)
    {
        if (endpoint is not { } e)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_faults.TryGetValue(e, out var entry))
            {
                return null;
            }

            if (entry.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    _faults.Remove(e);
                }
                else
                {
                    _faults[e] = (entry.Fault, remaining - 1);
                }
            }

            return entry.Fault;
        }
    }

    private static FakeAuthyEndpoint? EndpointOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<FakeAuthyEndpointTag>()?.Endpoint;

    private static async Task WriteJsonAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body);
    }
}
