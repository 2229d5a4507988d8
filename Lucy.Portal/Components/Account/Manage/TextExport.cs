using Microsoft.JSInterop;

namespace Lucy.Portal.Components.Account.Manage;

/// <summary>Copies text to the clipboard or downloads it as a file, through wwwroot/js/account.js (MudBlazor has no clipboard API).</summary>
internal sealed class TextExport(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    /// <summary>False when the browser refused (no clipboard access); the caller asks the user to copy by hand.</summary>
    public async Task<bool> CopyAsync(string text)
    {
        var scripts = await ModuleAsync();
        return scripts is not null && await scripts.InvokeAsync<bool>("copyText", text);
    }

    public async Task DownloadAsync(string fileName, string text)
    {
        var scripts = await ModuleAsync();
        if (scripts is not null)
        {
            await scripts.InvokeVoidAsync("downloadText", fileName, text);
        }
    }

    private async Task<IJSObjectReference?> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference?>("import", "./js/account.js");

    public async ValueTask DisposeAsync()
    {
        if (module is null)
        {
            return;
        }
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}
