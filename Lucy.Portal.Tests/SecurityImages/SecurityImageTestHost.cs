using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.SecurityImages;
using Lucy.Portal.Tests.Fakes;
using Lucy.Portal.Tests.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lucy.Portal.Tests.SecurityImages;

/// <summary>The security image services over a private in-memory SQLite database, with a clock the test moves.</summary>
public sealed class SecurityImageTestHost : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    public SecurityImageTestHost()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var services = new ServiceCollection();
        SettingsTestHost.Register(services, connection, keyCheck: null, sharedEvaluationKey: null, time: Time);
        services.AddSingleton<ISecurityImageCodes>(Codes);
        services.AddSingleton<SecurityImageDrawer>();
        services.AddSingleton<Housekeeping>();
        services.AddScoped<SecurityImageChallenges>();
        services.AddScoped<FailedPasswordLedger>();
        services.AddScoped<SecurityImageGate>();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        SettingsTestHost.CreateSchema(Services);
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public RecordingSecurityImageCodes Codes { get; } = new();

    /// <summary>Runs an operation with services from a fresh scope, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> operation)
    {
        await using var scope = Services.CreateAsyncScope();
        return await operation(scope.ServiceProvider);
    }

    public Task<string> IssueAsync(string binding, string? address = "192.0.2.1") =>
        InScopeAsync(sp => sp.GetRequiredService<SecurityImageChallenges>().IssueAsync(binding, address));

    public Task<SecurityImageAnswer> AnswerAsync(string? id, string? answer, string? binding) =>
        InScopeAsync(sp => sp.GetRequiredService<SecurityImageChallenges>().AnswerAsync(id, answer, binding));

    public Task<byte[]?> PngAsync(string? id, string? binding) =>
        InScopeAsync(sp => sp.GetRequiredService<SecurityImageChallenges>().PngAsync(id, binding));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await connection.DisposeAsync();
    }
}
