using Lucy.Portal.Core.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>The options the browser gets for one WebAuthn ceremony, and the state (its challenge) the server keeps.</summary>
/// <remarks>The state never goes to the browser: a live page keeps it in its circuit and uses it once.</remarks>
public sealed record PendingPasskey(string OptionsJson, string State)
{
    // The state is the ceremony's secret: it stays out of logs.
    public override string ToString() => "PendingPasskey";
}

/// <summary>
/// Runs WebAuthn ceremonies with Identity's passkey handler for pages that keep the challenge on the server (a live page's
/// circuit) instead of in Identity's cookie: the token prompt runs while that cookie names the pending user, and a live
/// page cannot set cookies at all.
/// </summary>
public sealed class PasskeyCeremony(IPasskeyHandler<PortalUser> handler)
{
    // Identity's handler reads the request only to guess the relying party and check the origin; both come from
    // configuration here (PasskeyServiceExtensions), so a circuit, which has no request, passes an empty one.
    private static HttpContext NoRequest => new DefaultHttpContext();

    public async Task<PendingPasskey> BeginRegistrationAsync(PortalUser user)
    {
        var name = user.Email ?? user.UserName ?? user.Id;
        var options = await handler.MakeCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = name, DisplayName = name }, NoRequest);
        return new PendingPasskey(options.CreationOptionsJson, options.AttestationState ?? "");
    }

    /// <summary>Checks the browser's new credential against the pending registration; the passkey is not stored yet.</summary>
    public async Task<PasskeyAttestationResult> VerifyRegistrationAsync(PendingPasskey pending, string? credentialJson)
    {
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return PasskeyAttestationResult.Fail(new PasskeyException("The browser sent no passkey."));
        }
        return await handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            CredentialJson = credentialJson,
            AttestationState = pending.State,
            HttpContext = NoRequest,
        });
    }

    /// <summary>Options asking for one of <paramref name="user"/>'s passkeys (or any discoverable one when null).</summary>
    public async Task<PendingPasskey> BeginAssertionAsync(PortalUser? user)
    {
        var options = await handler.MakeRequestOptionsAsync(user, NoRequest);
        return new PendingPasskey(options.RequestOptionsJson, options.AssertionState ?? "");
    }

    /// <summary>Checks an assertion: signature, challenge, origin, relying party, user verification and signature counter.</summary>
    public async Task<PasskeyAssertionResult<PortalUser>> VerifyAssertionAsync(PendingPasskey pending, string? credentialJson)
    {
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return PasskeyAssertionResult.Fail<PortalUser>(new PasskeyException("The browser sent no passkey."));
        }
        return await handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            CredentialJson = credentialJson,
            AssertionState = pending.State,
            HttpContext = NoRequest,
        });
    }
}
