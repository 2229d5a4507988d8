using Lucy.Portal.Core.Outbound;
using System.Globalization;
using Lucy.Portal.Core.Resources;

namespace Lucy.Portal.Core.Authy;

/// <summary>Who to register with Authy. Country code is the numeric calling code ("1", "57"), without '+'.</summary>
public sealed record AuthyUserRegistration(string Email, string CountryCode, string Cellphone, bool SendInstallLinkViaSms = false);

/// <summary>What Authy knows about a user: confirmed = has used a valid code, registered = has the Authy app.</summary>
public sealed record AuthyUserStatus(string AuthyId, bool Confirmed, bool Registered, bool AccountDisabled, string? MaskedPhone, IReadOnlyList<string> Devices);

/// <summary>
/// The Authy user lifecycle: register (idempotent on phone, so a shared phone means a shared authy_id), status,
/// QR code for generic authenticator apps, and removal.
/// </summary>
public sealed class AuthyUserRegistry(IAuthyApi api, OutboundCallRunner<AuthyResult> runner)
{
    /// <summary>Registers the user and returns the authy_id as a digit string.</summary>
    public async Task<AuthyResult<string>> RegisterAsync(AuthyUserRegistration registration, CancellationToken ct = default)
    {
        var countryCode = registration.CountryCode?.Trim().TrimStart('+') ?? string.Empty;
        var cellphone = AuthyInput.NormalizePhone(registration.Cellphone);
        if (!AuthyInput.IsCountryCode(countryCode) || !AuthyInput.IsCellphone(cellphone))
        {
            return new AuthyResult(AuthyStatus.InvalidPhone, AuthyMessages.InvalidPhone).As<string>();
        }

        if (!AuthyInput.IsEmail(registration.Email?.Trim()))
        {
            return new AuthyResult(AuthyStatus.InvalidRequest, ProviderStrings.Authy_EmailInvalid).As<string>();
        }

        var form = new Dictionary<string, string>
        {
            ["user[email]"] = registration.Email!.Trim(),
            ["user[cellphone]"] = cellphone,
            ["user[country_code]"] = countryCode,
            // Top level, as the docs and the Ruby client send it; sent explicitly because Authy defaults to true.
            ["send_install_link_via_sms"] = registration.SendInstallLinkViaSms ? "true" : "false",
        };

        return await runner.CallAsync(
            "register-user",
            c => api.RegisterUserAsync(form, c),
            body => AuthyInput.IsAuthyId(body.User?.Id)
                ? AuthyResult.Ok(body.User!.Id!, "Registered with Authy.")
                : AuthyResult.UnreadableAnswer.As<string>(),
            ct);
    }

    public async Task<AuthyResult<AuthyUserStatus>> GetStatusAsync(string authyId, CancellationToken ct = default)
    {
        if (!AuthyInput.IsAuthyId(authyId))
        {
            return new AuthyResult(AuthyStatus.UserNotFound, AuthyMessages.UserNotFound).As<AuthyUserStatus>();
        }

        return await runner.CallAsync(
            "user-status",
            c => api.GetUserStatusAsync(authyId, c),
            body => body.Status is { } s
                ? AuthyResult.Ok(
                    new AuthyUserStatus(s.AuthyId ?? authyId, s.Confirmed == true, s.Registered == true, s.AccountDisabled == true, s.PhoneNumber, s.Devices ?? []),
                    "User status read.")
                : AuthyResult.UnreadableAnswer.As<AuthyUserStatus>(),
            ct);
    }

    /// <summary>
    /// Asks Authy for a QR code URL for Google Authenticator and the like (needs "Generic authenticator tokens"
    /// enabled in the Twilio console). Authy keeps the secret and still verifies the codes.
    /// </summary>
    public async Task<AuthyResult<string>> RequestQrCodeAsync(string authyId, string label, int qrSize = 300, CancellationToken ct = default)
    {
        if (!AuthyInput.IsAuthyId(authyId))
        {
            return new AuthyResult(AuthyStatus.UserNotFound, AuthyMessages.UserNotFound).As<string>();
        }

        var form = new Dictionary<string, string>
        {
            ["label"] = label,
            ["qr_size"] = qrSize.ToString(CultureInfo.InvariantCulture),
        };
        return await runner.CallAsync(
            "qr-code",
            c => api.RequestQrCodeAsync(authyId, form, c),
            body => body.QrCode is { Length: > 0 } url
                ? AuthyResult.Ok(url, "QR code ready.")
                : (new AuthyResult(AuthyStatus.FeatureDisabled, AuthyMessages.FeatureDisabled) { HttpStatus = 200 }).As<string>(),
            ct);
    }

    /// <summary>Deletes the Authy user. Callers must first make sure no other account shares this authy_id.</summary>
    public async Task<AuthyResult> RemoveAsync(string authyId, CancellationToken ct = default)
    {
        if (!AuthyInput.IsAuthyId(authyId))
        {
            return new AuthyResult(AuthyStatus.UserNotFound, AuthyMessages.UserNotFound);
        }

        return await runner.CallAsync(
            "remove-user",
            c => api.RemoveUserAsync(authyId, c),
            _ => AuthyResult.Ok(true, "Removed from Authy."),
            ct);
    }
}
