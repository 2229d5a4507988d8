using System.ComponentModel.DataAnnotations;

using Lucy.Portal.Core.Outbound;

namespace Lucy.Portal.Core.Authy;

/// <summary>Where Authy lives and how patiently the portal waits for it (section "Authy").</summary>
public sealed class AuthyOptions : OutboundResilienceOptions
{
    public const string Section = "Authy";

    [Required]
    public override Uri BaseUrl { get; set; } = new("https://api.authy.com");

    /// <summary>The name of Authy's resilience pipeline and the key of its breaker.</summary>
    public const string PipelineName = "authy";


    /// <summary>Always sent explicitly: Authy's own default is unclear (86,400 s or 120 s).</summary>
    [Range(30, 86400)]
    public int OneTouchSecondsToExpire { get; set; } = 120;

    /// <summary>How far a OneTouch callback nonce (UNIX seconds) may be from now before it is refused as stale.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan CallbackNonceWindow { get; set; } = TimeSpan.FromMinutes(5);
}
