using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Administration;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Authy.Callbacks;
using Lucy.Portal.Core.Dashboard;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.KeyProtection;
using Lucy.Portal.Core.Mail;
using Lucy.Portal.Core.Notifications;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.TwoFactor;
using Lucy.Portal.Core.TwoFactor.Passkeys;
using Lucy.Portal.Core.Sessions;
using Lucy.Portal.Core.SecurityImages;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.SignIn;
using Lucy.Portal.Core.TwilioVerify;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Lucy.Portal.Core.Extensions;

/// <summary>Registration of the portal's service layer.</summary>
public static class CoreServiceExtensions
{
    public static IHostApplicationBuilder AddLucyCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        builder.AddPortalDatabase();
        builder.AddPortalIdentity();

        builder.AddPortalDataProtection(builder.PortalDataFolder());

        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");

        services.AddSingleton<Housekeeping>();
        services.AddSingleton<AdministratorPresence>();
        services.AddSingleton<AuditLog>();
        services.TryAddSingleton<IUserNotifier, AuditUserNotifier>();
        services.AddPortalMail();
        services.AddAdvancedSettings();
        services.AddTwoFactorPolicy();
        services.AddScoped<FirstAdministratorSetup>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<PhoneNumberChange>();
        services.AddScoped<NewNumberCodes>();
        services.AddSingleton<SessionRenewal>();
        services.AddScoped<SessionValidator>();
        services.AddScoped<UserSessions>();
        services.AddScoped<LockedOutSessions>();
        services.AddScoped<CountedCodeCheck>();
        services.AddScoped<CountedPasswordCheck>();
        services.AddScoped<SignOutEverywhere>();
        services.AddUserAdministration();
        services.AddScoped<SignInChallenges>();
        services.AddScoped<TwoFactorLogin>();
        services.AddSingleton<AuthyFeatures>();
        services.AddScoped<AuthyLoginDelivery>();
        // OneTouch callbacks: the nonce ledger is a table, so every instance refuses the same replays.
        services.AddScoped<AuthyCallbackNonceLedger>();
        services.AddScoped<AuthyCallbackValidator>();
        services.AddScoped<OneTouchCallbackReceiver>();
        services.AddScoped<LoginCodeDelivery>();
        services.AddScoped<OtpDeliveryLimiter>();
        services.AddScoped<AccountLockout>();
        services.AddScoped<FailedPasswordLedger>();
        services.AddScoped<SecurityImageGate>();
        services.AddScoped<SecurityImageChallenges>();
        services.TryAddSingleton<ISecurityImageCodes, RandomSecurityImageCodes>();
        services.AddSingleton<SecurityImageDrawer>();
        services.AddScoped<DatabaseInitializer>();
        services.AddAuthyClient();
        services.AddTwilioVerifyClient();
        services.AddDashboard();
        services.AddPortalPasskeys();
        return builder;
    }

    private static void AddPortalDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProviders.SqlServer)
        {
            var connectionString = options.SqlServerConnectionString
                ?? builder.Configuration.GetConnectionString("Portal")
                ?? throw new InvalidOperationException(
                    "Database:Provider is SqlServer but no connection string is set (ConnectionStrings:Portal).");
            void UseSqlServer(DbContextOptionsBuilder db) => db.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure());
            builder.Services.AddDbContext<PortalDbContext, SqlServerPortalDbContext>(UseSqlServer);
            builder.Services.AddSingleton(new SchemaCheck(() => new SqlServerPortalDbContext(Configured<SqlServerPortalDbContext>(UseSqlServer))));
        }
        else
        {
            var path = Path.GetFullPath(options.SqlitePath, builder.Environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            void UseSqlite(DbContextOptionsBuilder db) => db.UseSqlite($"Data Source={path}");
            builder.Services.AddDbContext<PortalDbContext, SqlitePortalDbContext>(UseSqlite);
            builder.Services.AddSingleton(new SchemaCheck(() => new SqlitePortalDbContext(Configured<SqlitePortalDbContext>(UseSqlite))));
        }
    }

    private static DbContextOptions<TContext> Configured<TContext>(Action<DbContextOptionsBuilder> configure)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        configure(builder);
        return builder.Options;
    }

    /// <summary>The folder of the SQLite file, where files that belong with the database but not in it live.</summary>
    private static string PortalDataFolder(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        return Path.GetDirectoryName(Path.GetFullPath(options.SqlitePath, builder.Environment.ContentRootPath))!;
    }

    private static void AddPortalIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FirstAdministratorOptions>().BindConfiguration(FirstAdministratorOptions.Section);

        builder.Services
            .AddIdentityCore<PortalUser>(identity =>
            {
                // No static length: SettingsMinimumLengthPasswordValidator alone enforces the configured minimum (never
                // below the floor) per request, so changing it needs no restart and a short password gets one message.
                PasswordPolicy.Apply(identity.Password, minimumLength: 0);
                identity.User.RequireUniqueEmail = true;
                identity.SignIn.RequireConfirmedAccount = false;
                identity.Lockout.AllowedForNewUsers = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders()
            .AddBuiltInAuthenticator()
            .AddClaimsPrincipalFactory<PortalUserClaimsFactory>()
            .AddPasswordValidator<MaximumLengthPasswordValidator>();
    }
}
