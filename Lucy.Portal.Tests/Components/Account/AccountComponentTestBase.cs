using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Lucy.Portal.Components.Account.Manage;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Data;
using Lucy.Portal.Core.Extensions;
using Lucy.Portal.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MudBlazor;
using MudBlazor.Services;
using Lucy.Portal.Tests.Localization;

namespace Lucy.Portal.Tests.Components.Account;

/// <summary>bUnit with MudBlazor, the real AddLucyCore services over a throwaway SQLite file, and a signed-in user.</summary>
public abstract class AccountComponentTestBase : BunitContext, IAsyncLifetime
{
    protected const string Email = "ada@example.com";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "lucy-account-bunit-" + Guid.NewGuid().ToString("N"));

    protected AccountComponentTestBase()
        : this(new Dictionary<string, string?>(), configureBeforeCore: null)
    {
    }

    /// <param name="settings">Extra configuration, in place before AddLucyCore binds its options.</param>
    /// <param name="configureBeforeCore">Registrations that win over AddLucyCore's TryAdd defaults (a TimeProvider, say).</param>
    protected AccountComponentTestBase(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureBeforeCore)
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
        });
        core.Configuration.AddInMemoryCollection(TestKeyRingCertificates.DefaultSettings);
        core.Configuration.AddInMemoryCollection(settings);
        configureBeforeCore?.Invoke(core.Services);
        core.AddLucyCore();
        foreach (var service in core.Services)
        {
            Services.Add(service);
        }
        Services.AddScoped<AccountScope>();
        Services.AddScoped<TextExport>();
        Authorization = AddAuthorization();
    }

    private BunitAuthorizationContext Authorization { get; }

    protected PortalUser User { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.EnsureCreatedAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        User = new PortalUser { UserName = Email, Email = Email, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(User, "correct horse battery staple")).Succeeded);
        Authorization.SetAuthorized(Email).SetClaims(new Claim(ClaimTypes.NameIdentifier, User.Id));
    }

    /// <summary>Runs a service the way the pages do: a fresh scope, the user read again.</summary>
    protected async Task<T> WithUserAsync<TService, T>(Func<TService, PortalUser, Task<T>> operation) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(User.Id))!;
        return await operation(scope.ServiceProvider.GetRequiredService<TService>(), user);
    }

    protected Task<PortalUser> StoredUserAsync() => WithUserAsync<UserManager<PortalUser>, PortalUser>((_, user) => Task.FromResult(user));

    /// <summary>Renders after the popover and dialog providers, so autocompletes and dialogs appear in the markup.</summary>
    protected IRenderedComponent<ContainerFragment> RenderWithProviders<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            foreach (var (name, value) in parameters)
            {
                builder.AddAttribute(4, name, value);
            }
            builder.CloseComponent();
        });

    protected static void ChangeInput(IRenderedComponent<ContainerFragment> cut, string testId, string value) =>
        cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]").Change(value);

    /// <summary>For fields that update as the user types (Immediate).</summary>
    /// <summary>Types into a field as a browser would: a value longer than the field's maxlength would be cut, so it fails here.</summary>
    protected static void TypeInput(IRenderedComponent<ContainerFragment> cut, string testId, string value)
    {
        var input = cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]");
        if (int.TryParse(input.GetAttribute("maxlength"), CultureInfo.InvariantCulture, out var maxLength))
        {
            Assert.True(value.Length <= maxLength, $"The browser would cut \"{value}\" to {maxLength} characters.");
        }
        input.Input(value);
    }

    /// <summary>A six-digit code as authenticator apps display it: "123 456".</summary>
    protected static string Spaced(string code) => $"{code[..3]} {code[3..]}";

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
