using Lucy.Portal.Core.Accounts;
using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Notifications;
using Microsoft.AspNetCore.Identity;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.TwoFactor.Passkeys;

/// <summary>What became of a passkey the browser created.</summary>
public sealed record PasskeyAddResult(bool Succeeded, string Message)
{
    public static PasskeyAddResult Added(string name) => new(true, $"Passkey \"{name}\" added.");
    public static PasskeyAddResult Refused(string message) => new(false, message);
}

/// <summary>
/// Adds a passkey the signed-in user's browser created: from the Configure 2FA wizard (2FA still off; any earlier,
/// unfinished passkey is replaced) or from the Account page (2FA on; one more next to the others). Attestation is
/// "none": nothing is sent to any attestation service.
/// </summary>
public sealed class PasskeyEnrollment(
    UserManager<PortalUser> users,
    PasskeyCeremony ceremony,
    PasskeyRegistry registry,
    UserFactors factors,
    AuditLog audit,
    IUserNotifier notifier)
{
    /// <summary>Starts the wizard's passkey step: passkeys of an earlier, unfinished setup are forgotten.</summary>
    public async Task<PendingPasskey> StartForWizardAsync(PortalUser user, CancellationToken ct = default)
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            await registry.RemoveAllAsync(user, ct);
        }
        return await ceremony.BeginRegistrationAsync(user);
    }

    /// <summary>Starts adding one more passkey from the Account page; only with 2FA on (the wizard is the way in).</summary>
    public async Task<PendingPasskey?> StartAdditionalAsync(PortalUser user) =>
        await users.GetTwoFactorEnabledAsync(user) ? await ceremony.BeginRegistrationAsync(user) : null;

    /// <param name="fromWizard">
    /// The Configure 2FA wizard records the factor and sends the notice itself when it finishes
    /// (<see cref="TwoFactorAccountService.CompleteEnrollmentAsync(PortalUser, string?, string?, CancellationToken)"/> or
    /// <see cref="TwoFactorAccountService.CompleteAddingFactorAsync"/>); from the Account page both happen here.
    /// </param>
    public async Task<PasskeyAddResult> CompleteAsync(
        PortalUser user, PendingPasskey pending, string? credentialJson, string? name, string? ipAddress, bool fromWizard = false, CancellationToken ct = default)
    {
        var storedName = PasskeyRegistry.NormalizeName(name, out var nameError);
        if (storedName is null)
        {
            return PasskeyAddResult.Refused(nameError!);
        }
        var attestation = await ceremony.VerifyRegistrationAsync(pending, credentialJson);
        // The state names the user the options were made for; a pending registration never serves another account.
        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id)
        {
            await audit.WriteAsync(new AuditEntry(PasskeyAuditEvents.Refused, AuditOutcome.Failure)
            {
                ActorId = user.Id,
                ActorEmail = user.Email,
                IpAddress = ipAddress,
                Detail = attestation.Failure?.Message ?? "another user's registration",
            }, ct);
            return PasskeyAddResult.Refused(TwoFactorStrings.Passkey_NotAdded);
        }
        if (!await registry.AddAsync(user, attestation.Passkey, storedName))
        {
            return PasskeyAddResult.Refused(TwoFactorStrings.Passkey_NotSaved);
        }
        await audit.WriteAsync(new AuditEntry(PasskeyAuditEvents.Added, AuditOutcome.Success)
        {
            ActorId = user.Id,
            ActorEmail = user.Email,
            IpAddress = ipAddress,
            Detail = storedName,
        }, ct);
        if (!fromWizard)
        {
            // The passkeys are one factor in the registry (a row once the first one exists), so they can be the default.
            await factors.ListAsync(user, ct);
            await notifier.NotifyAsync(new UserNotice(user.Id, UserNoticeKind.FactorAdded) { Detail = $"passkey \"{storedName}\"", IpAddress = ipAddress }, ct);
        }
        return PasskeyAddResult.Added(storedName);
    }
}
