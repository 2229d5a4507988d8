using Bunit;
using Bunit.Rendering;
using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Policy.Enforcement;
using Lucy.Portal.Core.Settings;
using Lucy.Portal.Tests.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Lucy.Portal.Tests.Localization;

namespace Lucy.Portal.Tests.Components.Settings;

/// <summary>bUnit with MudBlazor, a signed-in administrator and the real settings services over in-memory SQLite.</summary>
public abstract class SettingsComponentTestBase : BunitContext, IAsyncLifetime
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    protected SettingsComponentTestBase(string? sharedEvaluationKey = null)
    {
        connection.Open();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddStrictLocalization();
        SettingsTestHost.Register(Services, connection, KeyCheck, sharedEvaluationKey, twilioCheck: TwilioCheck);
        Services.AddScoped<Lucy.Portal.Components.Account.Manage.TextExport>();
        Services.AddTwoFactorPolicy();
        Services.AddSingleton<Lucy.Portal.Components.Policy.IStepUpGuard>(StepUp);
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles(PortalRoles.Administrator);
        SettingsTestHost.CreateSchema(Services);
    }

    protected FakeAuthyKeyCheck KeyCheck { get; } = new();

    /// <summary>Confirms every dangerous action unless a test says otherwise.</summary>
    protected Fakes.FakeStepUpGuard StepUp { get; } = new();

    protected FakeTwilioVerifyCredentialCheck TwilioCheck { get; } = new();

    protected SettingsActor Admin { get; } = new("admin-id", "admin@example.com");

    /// <summary>Renders a component after the popover and dialog providers, so selects and message boxes appear in the markup.</summary>
    protected IRenderedComponent<ContainerFragment> RenderWithProviders<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(2);
            foreach (var (name, value) in parameters)
            {
                builder.AddAttribute(3, name, value);
            }
            builder.CloseComponent();
        });

    /// <summary>A settings section showing the given settings.</summary>
    protected IRenderedComponent<ContainerFragment> RenderSection<TSection>(AdvancedSettingsSnapshot? settings = null)
        where TSection : IComponent =>
        RenderWithProviders<TSection>(("Current", settings ?? AdvancedSettingsSnapshot.Defaults));

    protected async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    protected Task<AdvancedSettingsSnapshot> StoredSettingsAsync() =>
        WithServiceAsync<AdvancedSettingsService, AdvancedSettingsSnapshot>(s => s.GetAsync().AsTask());

    protected static void ChangeInput(IRenderedComponent<ContainerFragment> cut, string testId, string value) =>
        cut.Find($"[data-testid={testId}] input, input[data-testid={testId}]").Change(value);

    protected static void Click(IRenderedComponent<ContainerFragment> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Click();

    protected static void ClickButtonWithText(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.FindAll("button").First(b => b.TextContent.Contains(text, StringComparison.Ordinal)).Click();

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously; xUnit calls this before the synchronous Dispose.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await connection.DisposeAsync();
    }
}
