using Lucy.Portal.Core.Accounts;

namespace Lucy.Portal.Middleware;

/// <summary>A user with an administrator-chosen password reaches nothing but the change-password page and logout.</summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var mustChange = context.User.HasClaim(c => c.Type == PortalClaimTypes.MustChangePassword);
        if (mustChange
            && !PortalPaths.IsAlwaysOpen(path)
            && !path.StartsWithSegments(ChangePasswordPath, StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/Account/Logout", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(ChangePasswordPath);
            return;
        }
        await next(context);
    }
}
