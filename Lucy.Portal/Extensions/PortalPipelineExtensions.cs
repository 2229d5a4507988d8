using System.Text.Json;
using Lucy.Portal.Components;
using Lucy.Portal.Components.Account;
using Lucy.Portal.Components.Pages.SystemSettings;
using Lucy.Portal.Core.Dashboard;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Middleware;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Lucy.Portal.Extensions;

/// <summary>The portal's request pipeline and endpoints.</summary>
public static class PortalPipelineExtensions
{
    public static WebApplication UseLucyPortal(this WebApplication app)
    {
        // First: everything after it (HSTS, rate limits, cookies, the audit log) sees the client's address and scheme,
        // taken from X-Forwarded-* only when a trusted proxy sent them (TrustedProxies).
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseRequestLocalization();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<AuditClientAddress>();
        // Nothing before this reads the database or answers; nothing after it runs before the database is ready.
        app.UseMiddleware<StartupGate>();
        app.UseMiddleware<FirstRunGate>();
        app.UseRateLimiter();
        app.UseAuthentication();
        // Before authorization: a pending change sends pages to the change-password page, not to "access denied".
        app.UseMiddleware<PasswordChangeGate>();
        app.UseMiddleware<TwoFactorEnrolmentGate>();
        app.UseMiddleware<AdministratorPasskeyGate>();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapLucyPortal(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        // SecurityHeaders already sends frame-ancestors 'none'; Blazor would add a second, looser policy.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        app.MapLanguageEndpoint();
        app.MapPasskeyEndpoints();
        app.MapOneTouchCallback();
        app.MapAuditLogExport();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            // Read from the settings cache and the breaker: a probe never calls the provider.
            provider = report.Entries.TryGetValue(ProviderHealthCheck.Name, out var provider) ? provider.Data : null,
        }));
    }
}
