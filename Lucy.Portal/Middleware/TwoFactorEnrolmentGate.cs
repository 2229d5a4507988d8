using Lucy.Portal.Core.Accounts;

namespace Lucy.Portal.Middleware;

/// <summary>
/// A user past the 2FA policy's deadline without a working factor reaches nothing but Configure 2FA and logout; a
/// pending password change comes first (<see cref="PasswordChangeGate"/>).
/// </summary>
internal sealed class TwoFactorEnrolmentGate(RequestDelegate next)
{
    public const string Configure2faPath = "/account/configure-2fa";

    private static readonly string[] OpenPaths = [Configure2faPath, "/Account/Logout", "/Account/SignedOut"];

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(c => c.Type == PortalClaimTypes.TwoFactorOverdue)
            && !context.User.HasClaim(c => c.Type == PortalClaimTypes.MustChangePassword)
            && !PortalPaths.IsAlwaysOpen(path)
            && !OpenPaths.Any(open => path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(Configure2faPath);
            return;
        }
        await next(context);
    }
}
