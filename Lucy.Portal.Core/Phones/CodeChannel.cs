namespace Lucy.Portal.Core.Phones;

/// <summary>
/// How a one-time code reaches the user's phone, whichever provider sends it (Authy, Twilio Verify). Email and
/// WhatsApp exist at Twilio but the portal does not offer them.
/// </summary>
public enum CodeChannel
{
    Sms,
    Call,
}
