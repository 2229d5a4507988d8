using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Tests.Dashboard;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Lucy.Portal.Tests.Localization;

namespace Lucy.Portal.Tests.Components.Home;

/// <summary>bUnit with MudBlazor, the real AddLucyCore services over a throwaway SQLite file, and a fake clock.</summary>
public abstract class HomeComponentTestBase : BunitContext, IAsyncLifetime
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "lucy-home-bunit-" + Guid.NewGuid().ToString("N"));

    protected HomeComponentTestBase()
    {
        Directory.CreateDirectory(directory);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddStrictLocalization();
        var core = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = directory });
        core.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProviders.Sqlite,
            ["Database:SqlitePath"] = Path.Combine(directory, "portal.db"),
            ["Dashboard:RefreshInterval"] = "00:00:30",
        });
        core.Configuration.AddInMemoryCollection(TestKeyRingCertificates.DefaultSettings);
        core.Services.AddSingleton<TimeProvider>(Time);
        core.AddLucyCore();
        foreach (var service in core.Services)
        {
            Services.Add(service);
        }
        Authorization = AddAuthorization();
    }

    protected FakeTimeProvider Time { get; } = new(DashboardTestHost.DefaultNow);

    protected BunitAuthorizationContext Authorization { get; }

    internal DashboardData Data => new(Services, Time);

    protected void SignInAs(PortalUser user, string role) =>
        Authorization.SetAuthorized(user.Email!).SetRoles(role).SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));

    public virtual Task InitializeAsync() => Data.CreateSchemaAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder eventually.
        }
    }
}
