using Microsoft.AspNetCore.Components.Server;

namespace Lucy.Portal.Extensions;

/// <summary>
/// Server-side limits of Blazor circuits, chosen for this portal rather than left at the framework's defaults. Every
/// live page is a circuit held in server memory (bench/README.md measures one token prompt), and most circuits are
/// token prompts that anonymous visitors hold open, so memory a client can pin must be bounded. None of these limits
/// bounds how many circuits are connected: that is the proxy's connection limit and the sign-in rate limit (a prompt
/// needs a correct password first).
/// </summary>
public static class CircuitLimits
{
    /// <summary>How long a disconnected circuit waits for its browser to reconnect.</summary>
    public static readonly TimeSpan DisconnectedRetention = TimeSpan.FromMinutes(1);

    /// <summary>How long the persisted state of an evicted circuit waits in memory for its browser to resume it.</summary>
    public static readonly TimeSpan PersistedStateRetention = TimeSpan.FromMinutes(10);

    public static IHostApplicationBuilder AddLucyCircuitLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<CircuitOptions>(options =>
        {
            // Default 3 minutes. A circuit whose connection dropped keeps its whole component tree (a token prompt's
            // is about 250 KB) this long for the browser to reconnect; a minute covers a network blip or a balancer
            // failover, and a prompt that comes back later reloads: its sign-in state (challenge, failures, grant) is
            // in the database, not in the circuit (docs/scale-out.md).
            options.DisconnectedCircuitRetentionPeriod = DisconnectedRetention;
            // Default 100, kept on purpose. Bounds the memory disconnected circuits can pin however many visitors drop
            // at once (a restarted balancer drops them all): about 100 × one circuit, some 25 MB; beyond it the
            // oldest are released first, and their pages reload or resume from the persisted state below.
            options.DisconnectedCircuitMaxRetained = 100;
            // Default 2 hours and 1,000. What an evicted circuit leaves behind for a later resume is only its
            // [PersistentState] values (the prompt's challenge token and client address, the Account page's and the
            // 2FA wizard's few fields), a few KB protected. A prompt's challenge expires after 5 minutes
            // (SignInChallenges.ChallengeLifetime), so keeping its state for hours buys nothing; 10 minutes still
            // covers a laptop lid closed over a form. The count bounds this memory to a few MB.
            options.PersistedCircuitInMemoryRetentionPeriod = PersistedStateRetention;
            options.PersistedCircuitInMemoryMaxRetained = 1000;
            // Default 1 minute. The portal's JS calls are instant (focus, submit a form, MudBlazor layout); a client
            // that never answers should not hold a component's task, and the memory behind it, for a minute.
            options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(15);
            // Default 10, kept on purpose. Render batches a client has not acknowledged are kept for it (a prompt's
            // are a few hundred bytes); rendering pauses beyond this, so a client that never acknowledges cannot make
            // the server buffer without limit, and 10 leaves room for a slow network before a typed code waits.
            options.MaxBufferedUnacknowledgedRenderBatches = 10;
            // Never send exception details to the browser.
            options.DetailedErrors = false;
        });
        return builder;
    }
}
