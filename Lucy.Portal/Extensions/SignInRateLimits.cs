using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace Lucy.Portal.Extensions;

/// <summary>Limits per client address (section "RateLimits").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Password, setup and sign-in completion requests one address may send per minute.</summary>
    [Range(1, 100_000)]
    public int SignInPerMinute { get; set; } = 30;
}

/// <summary>
/// Per-address limit on the requests that hash a password or complete a sign-in, so anonymous traffic cannot burn
/// CPU on PBKDF2 or hammer the login. Account lockout still caps guesses per account on every factor.
/// </summary>
internal static class SignInRateLimits
{
    private static readonly (string Method, string Path)[] Limited =
    [
        ("POST", "/Account/Login"),
        ("POST", "/setup"),
        ("POST", "/Account/ChangePassword"),
        ("POST", "/Account/CompleteSignIn"),
    ];

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsLimited(context.Request))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                var perMinute = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value.SignInPerMinute;
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts from your address. Wait a minute and try again.", ct);
            };
        });
        return services;
    }

    private static bool IsLimited(HttpRequest request) =>
        Limited.Any(l => HttpMethods.Equals(request.Method, l.Method)
            && request.Path.Equals(l.Path, StringComparison.OrdinalIgnoreCase));
}
