using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.SecurityImages;
using Lucy.Portal.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>The real portal in memory, on a throwaway SQLite file of its own.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@lucy.test";
    public const string UserEmail = "user@lucy.test";
    public const string Password = "correct horse battery staple";

    /// <summary>Runs <paramref name="action"/> in a fresh DI scope of the portal, as one request would.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private readonly string _databasePath = TempSqliteFile.NewPath("tests");

    /// <summary>A clock the test moves (set before the host starts); the system clock otherwise.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary>Every security image's characters, as issued (the page never shows them as text).</summary>
    public RecordingSecurityImageCodes SecurityImageCodes { get; } = new();

    /// <summary>Extra configuration (for example FirstAdministrator:Email) applied before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:SqlitePath", _databasePath);
        // Tests sign in far more often than a person; RateLimitTests sets its own low limit.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        // One certificate for the whole run instead of one generated per host (Settings may name another).
        builder.UseSetting("DataProtection:CertificatePath", TestKeyRingCertificates.Default.Path);
        builder.UseSetting("DataProtection:CertificatePassword", TestKeyRingCertificates.Password);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Clock);
            }
            services.RemoveAll<ISecurityImageCodes>();
            services.AddSingleton<ISecurityImageCodes>(SecurityImageCodes);
            ConfigureTestServices(services);
        });
    }

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    public PortalSession CreateSession() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Creates the first administrator and a plain user (with their own passwords, no forced change).</summary>
    public async Task SeedAccountsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>();
        if (await setup.IsRequiredAsync())
        {
            var created = await setup.CreateAsync(AdminEmail, Password, null);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        }
        await CreateUserAsync(UserEmail, PortalRoles.User, mustChangePassword: false);
    }

    public async Task<PortalUser> CreateUserAsync(string email, string role, bool mustChangePassword)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            return existing;
        }
        var directory = scope.ServiceProvider.GetRequiredService<UserDirectory>();
        var result = await directory.CreateAsync(new NewUser(email, role, Password), actorId: "test");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var user = (await users.FindByEmailAsync(email))!;
        if (!mustChangePassword)
        {
            user.MustChangePassword = false;
            await users.UpdateAsync(user);
        }
        return user;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            // Also when stopping the host threw: the file must not outlive the test run.
            GC.SuppressFinalize(this);
            TempSqliteFile.Delete(_databasePath);
        }
    }
}
