using System.ComponentModel.DataAnnotations;

using Lucy.Portal.Core.Outbound;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>Where Twilio Verify lives and how patiently the portal waits for it (section "TwilioVerify").</summary>
public sealed class TwilioVerifyOptions : OutboundResilienceOptions
{
    public const string Section = "TwilioVerify";

    [Required]
    public Uri BaseUrl { get; set; } = new("https://verify.twilio.com");

}
