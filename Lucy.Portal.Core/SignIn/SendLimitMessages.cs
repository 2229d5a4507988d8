using System.Globalization;
using Lucy.Portal.Core.Settings;

namespace Lucy.Portal.Core.SignIn;

/// <summary>What a refused send says: the cap and the time it lifts (in the configured time zone), or the cooldown.</summary>
public static class SendLimitMessages
{
    public static string Refused(SendAllowance allowance, DateDisplayFormat format) => allowance switch
    {
        { Busy: true } => "Another request for a code is being handled. Try again in a moment.",
        { CapReached: true, NextAllowedAt: { } lifts } =>
            $"You have asked for {OtpDeliveryLimiter.MaxPerWindow} codes in {OtpDeliveryLimiter.Window.TotalMinutes:0} minutes. You can ask again at {TimeOfDay(lifts, format)}.",
        _ => "Please wait before asking for another code.",
    };

    public static string TimeOfDay(DateTimeOffset at, DateDisplayFormat format) =>
        TimeZoneInfo.ConvertTime(at, format.TimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
}
