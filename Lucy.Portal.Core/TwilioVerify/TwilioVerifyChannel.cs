namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>How Verify delivers a code. Email and WhatsApp exist at Twilio but the portal does not offer them.</summary>
public enum TwilioVerifyChannel
{
    Sms,
    Call,
}
