using Lucy.Portal.Resources;
using Microsoft.JSInterop;

namespace Lucy.Portal.Components.Account;

/// <summary>What the browser answered to a passkey ceremony: the credential JSON, or a message for the user.</summary>
internal sealed record PasskeyBrowserAnswer(string? Credential, string? Error);

/// <summary>wwwroot/js/passkeys.js's answer: the credential, or an error code and the browser's own detail.</summary>
internal sealed record PasskeyScriptAnswer(string? Credential, string? Error, string? Detail);

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
            var answer = await module.InvokeAsync<PasskeyScriptAnswer>(function, CeremonyTimeout, optionsJson);
            return new PasskeyBrowserAnswer(answer.Credential, answer.Error is { } code ? MessageFor(code, answer.Detail) : null);
        }
        catch (TaskCanceledException)
        {
            return new PasskeyBrowserAnswer(null, PasskeyText.Get("Passkey_TimedOut"));
        }
    }

    /// <summary>The words, in the user's language, for an error code of passkeys.js.</summary>
    internal static string MessageFor(string code, string? detail) => code switch
    {
        "cancelled" => PasskeyText.Get("Passkey_Cancelled"),
        "exists" => PasskeyText.Get("Passkey_AlreadyOnDevice"),
        "address" => PasskeyText.Get("Passkey_WrongAddress"),
        "unsupported" => PasskeyText.Get("Passkey_Unsupported"),
        _ => string.Format(System.Globalization.CultureInfo.CurrentCulture, PasskeyText.Get("Passkey_Failed"),
            string.IsNullOrEmpty(detail) ? PasskeyText.Get("Passkey_UnknownError") : detail),
    };
}
