using System.ComponentModel.DataAnnotations;

using Lucy.Portal.Core.Outbound;

namespace Lucy.Portal.Core.TwilioVerify;

/// <summary>Where Twilio Verify lives and how patiently the portal waits for it (section "TwilioVerify").</summary>
public sealed class TwilioVerifyOptions : OutboundResilienceOptions
{
    public const string Section = "TwilioVerify";

    [Required]
    public override Uri BaseUrl { get; set; } = new("https://verify.twilio.com");

    /// <summary>The name of Verify's resilience pipeline and the key of its breaker.</summary>
    public const string PipelineName = "twilio-verify";

}
