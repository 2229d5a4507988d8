using Microsoft.JSInterop;

namespace Lucy.Portal.Components.Account;

/// <summary>What the browser answered to a passkey ceremony: the credential JSON, or a message for the user.</summary>
internal sealed record PasskeyBrowserAnswer(string? Credential, string? Error);

/// <summary>Runs a WebAuthn ceremony in the browser of a live page (wwwroot/js/passkeys.js) with options the server made.</summary>
internal static class PasskeyBrowser
{
    // The user may take a while at the authenticator (Identity's options allow 5 minutes); interop's default is 1 minute.
    private static readonly TimeSpan CeremonyTimeout = TimeSpan.FromMinutes(5);

    public static Task<PasskeyBrowserAnswer> CreateAsync(IJSRuntime js, string optionsJson) => RunAsync(js, "createPasskey", optionsJson);

    public static Task<PasskeyBrowserAnswer> GetAsync(IJSRuntime js, string optionsJson) => RunAsync(js, "getPasskey", optionsJson);

    private static async Task<PasskeyBrowserAnswer> RunAsync(IJSRuntime js, string function, string optionsJson)
    {
        try
        {
            await using var module = await js.InvokeAsync<IJSObjectReference>("import", "./js/passkeys.js");
            return await module.InvokeAsync<PasskeyBrowserAnswer>(function, CeremonyTimeout, optionsJson);
        }
        catch (TaskCanceledException)
        {
            return new PasskeyBrowserAnswer(null, "The passkey request timed out. Try again.");
        }
    }
}
