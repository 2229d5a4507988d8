namespace Lucy.Portal.Core.Authy;

/// <summary>Per-request values that travel from the Refit call to the message handlers, never onto the wire.</summary>
internal static class AuthyRequestOptions
{
    public const string ApiKeyOverrideName = "Lucy.Authy.ApiKeyOverride";

    public static readonly HttpRequestOptionsKey<string?> ApiKeyOverride = new(ApiKeyOverrideName);

    /// <summary>Refit stores the interface method's name on every request; the retry rule reads it.</summary>
    public static readonly HttpRequestOptionsKey<string> RefitMethodName = new(Refit.HttpRequestMessageOptions.MethodName);
}
