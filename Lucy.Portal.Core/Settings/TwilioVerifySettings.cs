using Lucy.Portal.Core.Auditing;
using Lucy.Portal.Core.TwilioVerify;
using Microsoft.Extensions.Logging;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Settings;

/// <summary>
/// Sets, replaces and removes the Twilio Verify credentials (Account SID, Auth Token, Verify Service SID). Candidates
/// are stored only after Twilio has answered the Service probe with them; anything else keeps the previous setting.
/// </summary>
public sealed class TwilioVerifySettings
{
    private readonly SettingsWriter writer;
    private readonly ITwilioVerifyCredentialCheck? check;
    private readonly AuditLog audit;
    private readonly ILogger<TwilioVerifySettings> logger;

    /// <param name="check">Null until a Verify client is registered; then no credentials can be stored.</param>
    internal TwilioVerifySettings(SettingsWriter writer, ITwilioVerifyCredentialCheck? check, AuditLog audit, ILogger<TwilioVerifySettings> logger)
    {
        this.writer = writer;
        this.check = check;
        this.audit = audit;
        this.logger = logger;
    }

    /// <summary>Checks the formats, then the credentials against the Service, and stores them only if Twilio accepts them.</summary>
    public async Task<TwilioVerifySettingsResult> SetCredentialsAsync(
        string? accountSid, string? authToken, string? serviceSid, SettingsActor actor, CancellationToken ct = default)
    {
        var errors = FieldErrors.Of(
            (SettingsFields.TwilioAccountSid, SettingsRules.TwilioAccountSid(accountSid)),
            (SettingsFields.TwilioAuthToken, SettingsRules.TwilioAuthToken(authToken)),
            (SettingsFields.TwilioServiceSid, SettingsRules.TwilioServiceSid(serviceSid)));
        if (errors.Count > 0)
        {
            return new TwilioVerifySettingsResult(TwilioVerifySettingsOutcome.InvalidFormat, errors[0].Message) { Errors = errors };
        }

        var (sid, token, service) = (accountSid!.Trim(), authToken!.Trim(), serviceSid!.Trim());
        if (check is null)
        {
            return await RejectedAsync(TwilioVerifySettingsOutcome.Unavailable,
                SettingsStrings.Twilio_NoClient, actor, ct);
        }

        var answer = await check.CheckAsync(sid, token, service, ct);
        logger.LogInformation("Twilio Verify credential check answered {Status}.", answer.Status);
        switch (answer.Status)
        {
            case TwilioVerifyCredentialCheckStatus.Valid:
                var saved = await writer.WriteAsync(TwilioVerifyChange.Store(sid, token, service), actor, AuditEvents.SettingsChanged, ct);
                return saved.Succeeded
                    ? new TwilioVerifySettingsResult(TwilioVerifySettingsOutcome.Saved,
                        SettingsStrings.Twilio_Saved(answer.ServiceName ?? ""))
                    {
                        ServiceName = answer.ServiceName,
                        MaskedAuthToken = SecretMask.LastFour(token),
                    }
                    : new TwilioVerifySettingsResult(TwilioVerifySettingsOutcome.InvalidFormat, saved.Errors[0].Message) { Errors = saved.Errors };
            case TwilioVerifyCredentialCheckStatus.InvalidCredentials:
                return await RejectedAsync(TwilioVerifySettingsOutcome.InvalidCredentials,
                    SettingsStrings.Twilio_Refused, actor, ct);
            case TwilioVerifyCredentialCheckStatus.ServiceNotFound:
                return await RejectedAsync(TwilioVerifySettingsOutcome.ServiceNotFound,
                    SettingsStrings.Twilio_ServiceNotFound, actor, ct);
            default:
                return await RejectedAsync(TwilioVerifySettingsOutcome.Unavailable,
                    SettingsStrings.Twilio_Unreachable,
                    actor, ct);
        }
    }

    /// <summary>Removes the credentials; when Verify was in use the portal returns to the built-in authenticator.</summary>
    public Task<SettingsResult> RemoveAsync(SettingsActor actor, CancellationToken ct = default) =>
        writer.WriteAsync(TwilioVerifyChange.Remove(), actor, AuditEvents.SettingsChanged, ct);

    private async Task<TwilioVerifySettingsResult> RejectedAsync(TwilioVerifySettingsOutcome outcome, string message, SettingsActor actor, CancellationToken ct)
    {
        await audit.WriteAsync(new AuditEntry(AuditEvents.SettingsTwilioVerifyRejected, AuditOutcome.Failure)
        {
            ActorId = actor.UserId,
            ActorEmail = actor.Email,
            IpAddress = actor.IpAddress,
            Detail = $"Twilio Verify credentials not changed: {outcome}",
        }, ct);
        return new TwilioVerifySettingsResult(outcome, message);
    }
}
