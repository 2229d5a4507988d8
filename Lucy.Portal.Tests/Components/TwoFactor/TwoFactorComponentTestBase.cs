using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Lucy.Portal.Tests.Localization;

namespace Lucy.Portal.Tests.Components.TwoFactor;

/// <summary>bUnit with MudBlazor and a clock the test moves, for the pieces of the token prompt.</summary>
public abstract class TwoFactorComponentTestBase : BunitContext, IAsyncLifetime
{
    protected TwoFactorComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddStrictLocalization();
        Services.AddSingleton<TimeProvider>(Clock);
    }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected static string TextOf<T>(IRenderedComponent<T> cut, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"[data-testid={testId}]").TextContent.Trim();

    protected static bool IsDisabled<T>(IRenderedComponent<T> cut, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"[data-testid={testId}]").HasAttribute("disabled");

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously; xUnit calls this before the synchronous Dispose.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
