using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Lucy.Portal.Components.Account;

namespace Lucy.Portal.Extensions;

/// <summary>Limits per client address (section "RateLimits").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Password, setup and sign-in completion requests one address may send per minute.</summary>
    [Range(1, 100_000)]
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>"Forgot password" requests one address may send per minute (each may queue a mail).</summary>
    [Range(1, 100_000)]
    public int ForgotPasswordPerMinute { get; set; } = 5;

    /// <summary>OneTouch callbacks one address may send per minute (Authy calls from a few addresses of its own).</summary>
    [Range(1, 100_000)]
    public int OneTouchCallbacksPerMinute { get; set; } = 300;
}

/// <summary>
/// Per-address limit on the requests that hash a password or complete a sign-in, so anonymous traffic cannot burn
/// CPU on PBKDF2 or hammer the login. Account lockout still caps guesses per account on every factor.
/// The anonymous OneTouch callback (an HMAC and a database write each) has a limit of its own.
/// </summary>
internal static class SignInRateLimits
{
    private static readonly (string Method, string Path)[] Limited =
    [
        ("POST", "/Account/Login"),
        ("POST", "/setup"),
        ("POST", "/Account/ChangePassword"),
        ("POST", "/Account/CompleteSignIn"),
        // The prompt's plain code form: each post checks a code and may complete a sign-in.
        ("POST", "/Account/LoginWith2fa"),
        ("POST", "/Account/ResetPassword"),
        ("POST", "/Account/AcceptInvitation"),
        ("POST", PasskeyEndpoints.OptionsPath),
        ("POST", PasskeyEndpoints.SignInPath),
    ];

    private const string ForgotPasswordPath = "/Account/ForgotPassword";

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var isCallback = context.Request.Path.Equals(OneTouchCallbackEndpoint.Path, StringComparison.OrdinalIgnoreCase);
                var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(ForgotPasswordPath, StringComparison.OrdinalIgnoreCase))
                {
                    // A bucket of its own: each request may send a mail to someone else's mailbox.
                    return RateLimitPartition.GetFixedWindowLimiter("forgot-password|" + BucketOf(context.Connection.RemoteIpAddress),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.ForgotPasswordPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
                }
                if (!isCallback && !IsLimited(context.Request))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                var perMinute = isCallback ? limits.OneTouchCallbacksPerMinute : limits.SignInPerMinute;
                var bucket = (isCallback ? "onetouch-callback|" : "") + BucketOf(context.Connection.RemoteIpAddress);
                return RateLimitPartition.GetFixedWindowLimiter(bucket, _ => new FixedWindowRateLimiterOptions
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

    /// <summary>
    /// The bucket a client address counts against: an IPv4 address on its own, an IPv6 address by its /64, since one
    /// subscriber is usually handed a whole /64 and could otherwise take a fresh address for every attempt.
    /// </summary>
    internal static string BucketOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static bool IsLimited(HttpRequest request) =>
        Limited.Any(l => HttpMethods.Equals(request.Method, l.Method)
            && request.Path.Equals(l.Path, StringComparison.OrdinalIgnoreCase));
}
