using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Core.TwilioVerify;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.Settings;

/// <summary>
/// The settings services over a private in-memory SQLite database (schema from EnsureCreated), ephemeral Data
/// Protection, a fake Authy key check and a capturing logger.
/// </summary>
public sealed class SettingsTestHost : IAsyncDisposable
{
    public const string ValidKey = "AbCdEfGhIjKlMnOpQrStUvWx1234";
    public const string OtherValidKey = "ZyXwVuTsRqPoNmLkJiHgFeDc9876";

    private readonly SqliteConnection connection;

    public SettingsTestHost(string? sharedEvaluationKey = null, bool withKeyCheck = true)
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();

        var services = new ServiceCollection();
        Register(services, connection, withKeyCheck ? KeyCheck : null, sharedEvaluationKey, Logs, Time, withKeyCheck ? TwilioCheck : null);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        CreateSchema(Services);
    }

    /// <summary>The settings services and what they need; shared with the bUnit tests, which bring their own container.</summary>
    public static void Register(
        IServiceCollection services, SqliteConnection connection, IAuthyKeyCheck? keyCheck, string? sharedEvaluationKey,
        ILoggerProvider? logs = null, TimeProvider? time = null, ITwilioVerifyCredentialCheck? twilioCheck = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Authy:SharedEvaluationKey"] = sharedEvaluationKey })
            .Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddDbContext<PortalDbContext, SqlitePortalDbContext>(db => db.UseSqlite(connection));
        services.AddDataProtection().SetApplicationName("Lucy.Portal.Tests");
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton<AuditLog>();
        if (keyCheck is not null)
        {
            services.AddSingleton(keyCheck);
        }
        if (twilioCheck is not null)
        {
            services.AddSingleton(twilioCheck);
        }
        services.AddAdvancedSettings();
        // The Advanced Settings page renders the Mail card too; mail's account links (reset, invitation) need the user store.
        Lucy.Portal.Core.Mail.MailServiceExtensions.AddPortalMail(services);
        services.AddIdentityCore<Lucy.Portal.Core.Accounts.PortalUser>(Lucy.Portal.Core.TwoFactor.Passkeys.PortalIdentitySchema.Apply)
            .AddEntityFrameworkStores<PortalDbContext>();
        // The audit log search and retention read the same settings (the Audit Log page, the retention job).
        services.AddScoped<AuditLogSearch>();
        services.AddScoped<AuditRetention>();
    }

    /// <summary>The schema straight from the model: migrations are the lead's to regenerate.</summary>
    public static void CreateSchema(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.EnsureCreated();
    }

    public ServiceProvider Services { get; }
    public FakeAuthyKeyCheck KeyCheck { get; } = new();
    public FakeTwilioVerifyCredentialCheck TwilioCheck { get; } = new();
    public CapturingLoggerProvider Logs { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public SettingsActor Admin { get; } = new("admin-id", "admin@example.com", "10.0.0.1");

    /// <summary>Runs an operation with services from a fresh scope, as a Blazor component owning its scope would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> operation)
    {
        await using var scope = Services.CreateAsyncScope();
        return await operation(scope.ServiceProvider);
    }

    public Task<SettingsResult> SaveAsync(ISettingsSection section) =>
        InScopeAsync(sp => sp.GetRequiredService<AdvancedSettingsService>().SaveAsync(section, Admin));

    public Task<AuthyKeyResult> SetKeyAsync(string? key) =>
        InScopeAsync(sp => sp.GetRequiredService<AuthyKeySettings>().SetKeyAsync(key, Admin));

    public Task<TwilioVerifySettingsResult> SetTwilioAsync(
        string? accountSid = TwilioAccountSid, string? authToken = TwilioAuthToken, string? serviceSid = TwilioServiceSid) =>
        InScopeAsync(sp => sp.GetRequiredService<TwilioVerifySettings>().SetCredentialsAsync(accountSid, authToken, serviceSid, Admin));

    public const string TwilioAccountSid = "AC11112222333344445555666677778888";
    public const string TwilioAuthToken = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    public const string TwilioServiceSid = "VA0000aaaa1111bbbb2222cccc3333dddd";

    public Task<AdvancedSettingsSnapshot> GetAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<AdvancedSettingsService>().GetAsync().AsTask());

    /// <summary>The settings table as stored, every column as text, read with plain SQL past EF and the cache.</summary>
    public string RawSettingsRow()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM AdvancedSettings";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add($"{reader.GetName(i)}={reader.GetValue(i)}");
            }
        }
        return string.Join("|", values);
    }

    public async Task<IReadOnlyList<AuditEvent>> AuditAsync() =>
        await Services.GetRequiredService<AuditLog>().RecentAsync(100);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await connection.DisposeAsync();
    }
}
