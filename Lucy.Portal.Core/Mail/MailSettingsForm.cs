using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.Mail;

/// <summary>
/// The Mail card's values. The password is write-only: <see cref="NewPassword"/> null or empty keeps the stored one,
/// <see cref="RemovePassword"/> deletes it. Host and sender both empty turn mail off.
/// </summary>
public sealed record MailSettingsForm(
    string? Host, int Port, MailSecurity Security, string? UserName, string? SenderAddress,
    string? NewPassword = null, bool RemovePassword = false)
{
    public IReadOnlyList<FieldError> Validate() =>
        new (string Field, string? Message)[]
        {
            (MailFields.Host, MailSettingsRules.Host(Host, SenderAddress)),
            (MailFields.Port, MailSettingsRules.Port(Port)),
            (MailFields.UserName, MailSettingsRules.Credential(UserName)),
            (MailFields.Password, MailSettingsRules.Credential(NewPassword)),
            (MailFields.SenderAddress, MailSettingsRules.SenderAddress(SenderAddress, Host)),
        }.Where(c => c.Message is not null).Select(c => new FieldError(c.Field, c.Message!)).ToList();
}

/// <summary>Field names of the Mail card, for server-side errors.</summary>
public static class MailFields
{
    public const string Host = "mail.host";
    public const string Port = "mail.port";
    public const string UserName = "mail.username";
    public const string Password = "mail.password";
    public const string SenderAddress = "mail.sender";
    public const string TestRecipient = "mail.test-recipient";
}
