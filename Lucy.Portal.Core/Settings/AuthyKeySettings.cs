using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.Authy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// Sets, replaces and removes the Authy API key. A candidate key is stored only after Authy has accepted it;
/// anything else keeps the previous setting.
/// </summary>
public sealed class AuthyKeySettings
{
    private readonly SettingsWriter writer;
    private readonly IAuthyKeyCheck? keyCheck;
    private readonly SharedEvaluationKeyOptions sharedKey;
    private readonly AuditLog audit;
    private readonly ILogger<AuthyKeySettings> logger;

    /// <param name="keyCheck">Null until an Authy client is registered; then no key can be stored.</param>
    internal AuthyKeySettings(
        SettingsWriter writer,
        IAuthyKeyCheck? keyCheck,
        IOptions<SharedEvaluationKeyOptions> sharedKey,
        AuditLog audit,
        ILogger<AuthyKeySettings> logger)
    {
        this.writer = writer;
        this.keyCheck = keyCheck;
        this.sharedKey = sharedKey.Value;
        this.audit = audit;
        this.logger = logger;
    }

    /// <summary>True when configuration supplies a shared evaluation key the administrator may choose.</summary>
    public bool SharedEvaluationKeyOffered => sharedKey.IsOffered;

    /// <summary>Checks the key against Authy and stores it only if Authy accepts it.</summary>
    public Task<AuthyKeyResult> SetKeyAsync(string? candidate, SettingsActor actor, CancellationToken ct = default)
    {
        var formatError = SettingsRules.AuthyApiKey(candidate);
        return formatError is not null
            ? Task.FromResult(new AuthyKeyResult(AuthyKeyOutcome.InvalidFormat, formatError))
            : CheckAndStoreAsync(candidate!.Trim(), isShared: false, actor, ct);
    }

    /// <summary>Uses the key from configuration, through the same check as any other key.</summary>
    public Task<AuthyKeyResult> UseSharedEvaluationKeyAsync(SettingsActor actor, CancellationToken ct = default)
    {
        if (!sharedKey.IsOffered)
        {
            return Task.FromResult(new AuthyKeyResult(AuthyKeyOutcome.Unavailable, SettingsStrings.SharedKey_NotConfigured));
        }
        var key = sharedKey.SharedEvaluationKey!.Trim();
        return SettingsRules.AuthyApiKey(key) is null
            ? CheckAndStoreAsync(key, isShared: true, actor, ct)
            : Task.FromResult(new AuthyKeyResult(AuthyKeyOutcome.InvalidFormat, SettingsStrings.SharedKey_Malformed));
    }

    /// <summary>Removes the key and returns to the built-in authenticator: no login information leaves the system.</summary>
    public Task<SettingsResult> RemoveKeyAsync(SettingsActor actor, CancellationToken ct = default) =>
        writer.WriteAsync(AuthyKeyChange.Remove(), actor, AuditEvents.SettingsChanged, ct);

    private async Task<AuthyKeyResult> CheckAndStoreAsync(string key, bool isShared, SettingsActor actor, CancellationToken ct)
    {
        if (keyCheck is null)
        {
            return await RejectedAsync(AuthyKeyOutcome.Unavailable,
                SettingsStrings.AuthyKey_NoClient, actor, isShared, ct);
        }

        var check = await keyCheck.CheckAsync(key, ct);
        logger.LogInformation("Authy key check answered {Status}.", check.Status);
        switch (check.Status)
        {
            case AuthyKeyCheckStatus.Valid:
                var saved = await writer.WriteAsync(AuthyKeyChange.Store(key, isShared), actor, AuditEvents.SettingsChanged, ct);
                return saved.Succeeded
                    ? new AuthyKeyResult(AuthyKeyOutcome.Saved, SettingsStrings.AuthyKey_Saved(check.ApplicationName ?? ""))
                    {
                        ApplicationName = check.ApplicationName,
                        SmsEnabled = check.SmsEnabled,
                        VoiceEnabled = check.VoiceEnabled,
                        OneTouchEnabled = check.OneTouchEnabled,
                        MaskedKey = SecretMask.LastFour(key),
                    }
                    : new AuthyKeyResult(AuthyKeyOutcome.InvalidFormat, saved.Errors[0].Message);
            case AuthyKeyCheckStatus.InvalidKey:
                return await RejectedAsync(AuthyKeyOutcome.InvalidKey,
                    SettingsStrings.AuthyKey_Refused,
                    actor, isShared, ct);
            default:
                return await RejectedAsync(AuthyKeyOutcome.Unavailable,
                    SettingsStrings.AuthyKey_Unreachable,
                    actor, isShared, ct);
        }
    }

    private async Task<AuthyKeyResult> RejectedAsync(AuthyKeyOutcome outcome, string message, SettingsActor actor, bool isShared, CancellationToken ct)
    {
        await audit.WriteAsync(new AuditEntry(AuditEvents.SettingsAuthyKeyRejected, AuditOutcome.Failure)
        {
            ActorId = actor.UserId,
            ActorEmail = actor.Email,
            IpAddress = actor.IpAddress,
            Detail = $"Authy API key not changed: {outcome}{(isShared ? " (shared evaluation key)" : "")}",
        }, ct);
        return new AuthyKeyResult(outcome, message);
    }
}
