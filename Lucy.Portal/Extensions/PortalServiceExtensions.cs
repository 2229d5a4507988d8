using Lucy.Portal.Authorization;
using Lucy.Portal.Components.Account;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Components.Layout;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Sessions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Lucy.Portal.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace Lucy.Portal.Extensions;

/// <summary>Registration of the web side: Blazor, MudBlazor, cookies and authorization.</summary>
public static class PortalServiceExtensions
{
    private const string DataProtectionStartupService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    public static IHostApplicationBuilder AddLucyPortal(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddSingleton<DatabaseStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseStartup>());
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<ThemeStyleCache>();
        services.AddPortalLocalization();
        // SecurityHeaders sends X-Frame-Options: DENY for every response; antiforgery would add a second one.
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);

        services.AddTrustedProxies();
        services.AddSignInRateLimits();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddSingleton<LockoutNotice>();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitHandler, AuditClientCircuitHandler>();
        services.AddScoped<AccountScope>();
        services.AddScoped<TextExport>();
        services.AddScoped<Components.Policy.IStepUpGuard, Components.Policy.StepUpGuard>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddOptions<SessionLifetimeOptions>().BindConfiguration(SessionLifetimeOptions.Section);
        services.AddScoped<CircuitActivity>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitActivityHandler>());

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "Lucy.Session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            // The server-side session (UserSessions) enforces the idle timeout and absolute lifetime set in Advanced
            // Settings; the cookie itself only never outlives the longest lifetime allowed.
            cookie.ExpireTimeSpan = TimeSpan.FromHours(SettingsDefaults.SessionAbsoluteHoursMax);
            cookie.SlidingExpiration = false;
            var checkSecurityStamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                await SessionCookieCheck.ValidateAsync(context);
                if (context.Principal is not null)
                {
                    await checkSecurityStamp(context);
                }
            };
        });

        // The half-signed-in cookie between the password and the second factor.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
        });

        // "Remember this device": Identity binds the cookie to the user and security stamp; its lifetime follows
        // the days set in Advanced Settings at the moment it is issued.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, cookie =>
        {
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Events.OnSigningIn = async context =>
            {
                var settings = await context.HttpContext.RequestServices.GetRequiredService<AdvancedSettingsCache>().GetAsync();
                var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                context.Properties.IsPersistent = true;
                context.Properties.ExpiresUtc = time.GetUtcNow() + (settings.RememberDeviceDuration ?? TimeSpan.Zero);
            };
        });

        // A changed security stamp (password change, 2FA change) ends every other session within a minute.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = SessionCookieCheck.KeepSessionClaim;
        });

        // A pending password change is enforced here as well as by PasswordChangeGate: the gate sees only HTTP
        // requests, while a live circuit navigates between pages with nothing but these policies.
        // Overdue 2FA enrolment is enforced the same way (TwoFactorEnrolmentGate and these policies).
        services.AddSingleton<IAuthorizationHandler, PasswordChangeSettledHandler>();
        services.AddSingleton<IAuthorizationHandler, TwoFactorSettledHandler>();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PasswordChangeSettledRequirement(), new TwoFactorSettledRequirement())
                .Build())
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(SignedInOrBlazorHub).Build())
            .AddPolicy(PortalPolicies.Administrator, policy => policy
                .RequireRole(PortalRoles.Administrator)
                .AddRequirements(new PasswordChangeSettledRequirement(), new TwoFactorSettledRequirement()))
            .AddPolicy(PortalPolicies.PasswordChange, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new TwoFactorSettledRequirement()))
            .AddPolicy(PortalPolicies.TwoFactorEnrolment, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new PasswordChangeSettledRequirement()));

        // Last, after everything that registers Data Protection (antiforgery, Blazor): DatabaseStartup loads the key ring
        // once the database is ready; Data Protection's own start-up service would read it before, while the schema may
        // still be migrating, and hold up the host's start meanwhile.
        foreach (var dataProtectionStartup in services.Where(descriptor => descriptor.ServiceType == typeof(IHostedService)
            && descriptor.ImplementationType?.FullName == DataProtectionStartupService).ToList())
        {
            services.Remove(dataProtectionStartup);
        }
        return builder;
    }

    // Every endpoint without its own rule needs a signed-in user, except the Blazor hub: the half-signed-in user's
    // live token prompt runs on it. A circuit still renders only what AuthorizeRouteView allows its user.
    private static bool SignedInOrBlazorHub(AuthorizationHandlerContext context) =>
        context.User.Identity?.IsAuthenticated == true
        || (context.Resource is HttpContext http && http.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase));
}
