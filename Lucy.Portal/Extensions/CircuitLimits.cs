using Microsoft.AspNetCore.Components.Server;

namespace Lucy.Portal.Extensions;

/// <summary>
/// Server-side limits of Blazor circuits, chosen for this portal rather than left at the framework's defaults. Every
/// live page is a circuit held in server memory (bench/README.md measures one token prompt), and most circuits are
/// token prompts that anonymous visitors hold open, so memory a client can pin must be bounded.
/// </summary>
public static class CircuitLimits
{
    public static IHostApplicationBuilder AddLucyCircuitLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<CircuitOptions>(options =>
        {
            // Default 3 minutes. A circuit whose connection dropped is kept this long for the browser to reconnect;
            // a minute covers a network blip, and a prompt that comes back later reloads: its sign-in state
            // (challenge, failures, grant) is in the database, not in the circuit (docs/scale-out.md).
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(1);
            // Default 100. Bounds the memory disconnected circuits can pin (about 100 × one circuit's size) however
            // many visitors drop at once; beyond it the oldest are released first.
            options.DisconnectedCircuitMaxRetained = 100;
            // Default 1 minute. The portal's JS calls are instant (focus, submit a form, MudBlazor layout); a client
            // that never answers should not hold a component's task, and the memory behind it, for a minute.
            options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(15);
            // Default 10. Render batches a client has not acknowledged are kept for it; rendering pauses beyond this,
            // so a client that never acknowledges cannot make the server buffer without limit. The prompt's batches
            // are small; 10 leaves room for a slow network.
            options.MaxBufferedUnacknowledgedRenderBatches = 10;
            // Never send exception details to the browser.
            options.DetailedErrors = false;
        });
        return builder;
    }
}
