using Lucy.Portal.Core.SignIn;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lucy.Portal.Tests.Integration.Infrastructure;

/// <summary>
/// One open token prompt, as a browser tab holds it: a single DI scope (one DbContext) for the life of the page,
/// its services resolved once, and its own challenge. Tests open several on one account and make them race.
/// </summary>
public sealed class PromptTab : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly string _userId;
    private readonly string _browserKey;

    private PromptTab(AsyncServiceScope scope, string userId, string browserKey)
    {
        _scope = scope;
        _userId = userId;
        _browserKey = browserKey;
        Login = scope.ServiceProvider.GetRequiredService<TwoFactorLogin>();
        Authy = scope.ServiceProvider.GetRequiredService<AuthyLoginDelivery>();
        Codes = scope.ServiceProvider.GetRequiredService<LoginCodeDelivery>();
    }

    public string Challenge { get; private set; } = "";
    public TwoFactorLogin Login { get; }
    public AuthyLoginDelivery Authy { get; }
    public LoginCodeDelivery Codes { get; }

    /// <summary>Opens <paramref name="count"/> prompts of one user; each loads the prompt once, so its context tracks the user.</summary>
    public static async Task<IReadOnlyList<PromptTab>> OpenAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> portal, string userId, int count, string? browserKey = null)
        where TEntryPoint : class
    {
        var tabs = new List<PromptTab>();
        for (var i = 0; i < count; i++)
        {
            var tab = new PromptTab(portal.Services.CreateAsyncScope(), userId, browserKey ?? SignInChallenges.NewBrowserKey());
            await tab.ReloadChallengeAsync();
            tabs.Add(tab);
        }
        return tabs;
    }

    /// <summary>A new challenge in the same scope, for when a test moves the clock past the prompt's lifetime.</summary>
    public async Task ReloadChallengeAsync()
    {
        Challenge = await _scope.ServiceProvider.GetRequiredService<SignInChallenges>().OpenAsync(_userId, _browserKey);
        Assert.NotNull(await Login.GetPromptAsync(Challenge));
    }

    public async ValueTask DisposeAsync() => await _scope.DisposeAsync();
}

/// <summary>Starts tasks together behind one gate, so they run truly at once (thread-pool parallelism, no sleeps).</summary>
public static class Race
{
    public static async Task<T[]> AllAtOnceAsync<TItem, T>(IEnumerable<TItem> items, Func<TItem, Task<T>> action)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = items.Select(async item =>
        {
            await gate.Task;
            return await action(item);
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }
}
